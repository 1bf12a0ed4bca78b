package org.ordertower.shell.stock;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.Warehouse;

@Service
@Command(scope = "stock", name = "warehouse", description = "Adds or updates a warehouse; without arguments lists them")
public class SaveWarehouseCommand implements Action {
    @Reference
    InventoryService inventory;

    @Argument(index = 0, name = "id")
    String id;

    @Argument(index = 1, name = "name")
    String name;

    @Option(name = "--region")
    String region;

    @Option(name = "--lat")
    double latitude;

    @Option(name = "--lon")
    double longitude;

    @Option(name = "--type", description = "OWN, THIRD_PARTY, BONDED or FRONT")
    String type = "OWN";

    @Option(name = "--priority", description = "Lower is preferred")
    int priority = 100;

    @Override
    public Object execute() {
        if (id != null) {
            if (name == null) {
                throw new IllegalArgumentException("a name is required: stock:warehouse <id> <name> [--region ...]");
            }
            Warehouse.Type t;
            try {
                t = Warehouse.Type.valueOf(type.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--type must be OWN, THIRD_PARTY, BONDED or FRONT, not '" + type + "'");
            }
            inventory.saveWarehouse(new Warehouse(id, name, region, latitude, longitude, t, priority));
        }
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Region");
        table.column("Type");
        table.column("Priority").alignRight();
        for (Warehouse w : inventory.warehouses()) {
            table.addRow().addContent(w.id(), w.name(), w.region(), w.type(), w.priority());
        }
        table.print(System.out);
        return null;
    }
}
