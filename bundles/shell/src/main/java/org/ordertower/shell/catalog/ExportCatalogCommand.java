package org.ordertower.shell.catalog;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.inventory.CatalogService;

@Service
@Command(scope = "catalog", name = "export", description = "Exports SKUs, mappings or gift rules as CSV, to a file or the console")
public class ExportCatalogCommand implements Action {
    @Reference
    CatalogService catalog;

    @Argument(index = 0, name = "table", description = "skus, mappings or gifts", required = true)
    String table;

    @Argument(index = 1, name = "file", description = "Write here instead of the console")
    String file;

    @Override
    public Object execute() throws Exception {
        if (file == null) {
            PrintWriter out = new PrintWriter(System.out);
            catalog.exportCsv(ImportCatalogCommand.table(table), out);
            out.flush();
            return null;
        }
        try (Writer w = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
            catalog.exportCsv(ImportCatalogCommand.table(table), w);
        }
        System.out.println("written to " + Path.of(file).toAbsolutePath());
        return null;
    }
}
