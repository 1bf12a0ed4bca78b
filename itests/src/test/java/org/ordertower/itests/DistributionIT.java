package org.ordertower.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

import org.junit.Test;

/**
 * The distribution as a user unpacks it opens nothing by default: no user with a password in etc/users.properties
 * (the first start creates the admin with a random one), the shell's SSH and JMX on this machine only, the broker on
 * a loopback address unless a login is set; and it ships the events' JSON schemas. Reads the tarball, no Karaf.
 */
public class DistributionIT {
    private static final String ROOT = "ordertower-assembly-";

    /** The text files of the tarball under etc/ and schemas/, by their path below the distribution's folder. */
    private static Map<String, String> files() throws Exception {
        File tar = new File(System.getProperty("ordertower.distribution"));
        Map<String, String> out = new HashMap<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tar.toPath())))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "");
                String prefix = new String(header, 345, 155, StandardCharsets.US_ASCII).replace("\0", "");
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").strip(), 8);
                byte[] body = in.readNBytes((int) size);
                int pad = (int) ((512 - size % 512) % 512);
                in.readNBytes(pad);
                String rel = name.substring(name.indexOf('/') + 1);
                if (name.startsWith(ROOT) && (rel.startsWith("etc/") || rel.startsWith("schemas/")) && header[156] != '5') {
                    out.put(rel, new String(body, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static Properties props(String text) throws Exception {
        Properties p = new Properties();
        p.load(new java.io.StringReader(text));
        return p;
    }

    @Test
    public void nothingIsOpenByDefaultAndTheSchemasAreShipped() throws Exception {
        Map<String, String> f = files();
        Properties users = props(f.get("etc/users.properties"));
        for (String user : users.stringPropertyNames()) {
            assertTrue("etc/users.properties holds a user with a password: " + user, user.startsWith("_g_:"));
        }
        Properties shell = props(f.get("etc/org.apache.karaf.shell.cfg"));
        assertEquals("SSH on this machine only", "127.0.0.1", shell.getProperty("sshHost"));
        Properties jmx = props(f.get("etc/org.apache.karaf.management.cfg"));
        assertEquals("127.0.0.1", jmx.getProperty("rmiRegistryHost"));
        assertEquals("127.0.0.1", jmx.getProperty("rmiServerHost"));
        Properties broker = props(f.get("etc/org.ordertower.broker.cfg"));
        assertFalse("the broker's listen is left at its loopback default: " + broker, broker.containsKey("listen"));
        assertFalse(broker.containsKey("user") || broker.containsKey("password"));
        for (String schema : new String[] { "order-event-1.json", "review-decision-1.json", "alert-1.json", "stock-change-1.json" }) {
            String text = f.get("schemas/" + schema);
            assertTrue(schema + " is in the distribution", text != null && text.contains("\"$schema\""));
        }
    }
}
