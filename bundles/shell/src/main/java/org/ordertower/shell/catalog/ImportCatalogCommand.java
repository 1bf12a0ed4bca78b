package org.ordertower.shell.catalog;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.ImportReport;

@Service
@Command(scope = "catalog", name = "import", description = "Imports SKUs, mappings or gift rules from a CSV file: all rows or none")
public class ImportCatalogCommand implements Action {
    @Reference
    CatalogService catalog;

    @Argument(index = 0, name = "table", description = "skus, mappings or gifts", required = true)
    String table;

    @Argument(index = 1, name = "file", description = "The CSV file (UTF-8, with a header row)", required = true)
    String file;

    @Option(name = "--dry-run", description = "Validate only")
    boolean dryRun;

    static CatalogTable table(String name) {
        try {
            return CatalogTable.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("table must be skus, mappings or gifts, not '" + name + "'");
        }
    }

    @Override
    public Object execute() throws Exception {
        CatalogTable t = table(this.table);
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("cannot read " + path.toAbsolutePath());
        }
        ImportReport r;
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            r = catalog.importCsv(t, in, dryRun);
        }
        r.errors().forEach(e -> System.out.println(e));
        if (!r.errors().isEmpty()) {
            throw new IllegalArgumentException(r.errors().size() + " bad rows in " + path.getFileName() + "; nothing was imported");
        }
        System.out.println((r.applied() ? "imported " : "dry run, valid: ") + r.rows() + " rows (" + r.inserted() + " new, "
                + r.updated() + " updated)");
        return null;
    }
}
