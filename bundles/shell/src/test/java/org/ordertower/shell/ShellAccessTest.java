package org.ordertower.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The shell's side of the one roles table: every command of this bundle has its entry in {@link ShellAccess}, and the
 * command ACL files the distribution ships ({@code etc/org.apache.karaf.command.acl.<scope>.cfg}, which Karaf
 * enforces) say exactly what {@link ShellAccess} says, with the roles of {@link org.ordertower.api.Access.Permission}.
 */
class ShellAccessTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path ETC = Path.of("../../etc");
    private static final Pattern COMMAND = Pattern.compile("@Command\\(scope = \"([a-z]+)\", name = \"([a-z-]+)\"");

    @Test
    void everyCommandIsInTheTable() throws Exception {
        Set<String> commands = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = COMMAND.matcher(Files.readString(f));
                while (m.find()) {
                    commands.add(m.group(1) + ":" + m.group(2));
                }
            }
        }
        assertEquals(commands, ShellAccess.COMMANDS.keySet());
    }

    @Test
    void theShippedAclFilesSayWhatTheTableSays() throws Exception {
        Set<String> scopes = ShellAccess.COMMANDS.keySet().stream().map(c -> c.substring(0, c.indexOf(':')))
                .collect(Collectors.toCollection(TreeSet::new));
        for (String scope : scopes) {
            Path file = ETC.resolve("org.apache.karaf.command.acl." + scope + ".cfg");
            String lines = Files.exists(file) ? Files.readAllLines(file).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l + "\n").collect(Collectors.joining()) : "";
            assertEquals(ShellAccess.acl(scope), lines, file + " (write it with exactly these lines)");
        }
    }
}
