package org.ordertower.shell.order;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.Address;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.Receiver;
import org.ordertower.shell.ShellUser;

/** Prints an order's receiver in clear for its label; the decryption is recorded in the order's audit trail. */
@Service
@Command(scope = "order", name = "decrypt", description = "Decrypts an order's receiver through its platform to print a label"
        + " (roles pii or supervisor; audited with the reason)")
public class DecryptOrderCommand implements Action {

    @Reference
    ChannelService channels;

    @Argument(index = 0, name = "id", description = "The order id", required = true)
    long id;

    @Argument(index = 1, name = "reason", description = "Why, for example the waybill to print (recorded in the audit trail)",
            required = true, multiValued = true)
    List<String> reason;

    @Override
    public Object execute() {
        // the channel service decides who may see buyer data; it refuses with the roles that would do
        Receiver r = channels.decryptReceiver(id, ShellUser.caller(), String.join(" ", reason));
        print(id, r, System.out);
        return null;
    }

    /** The receiver for a label, one part per line; nothing else (no log) sees it. */
    static void print(long id, Receiver r, PrintStream out) {
        out.println("order " + id + ": receiver for the label (this decryption is in the order's audit trail)");
        out.println("  name     " + orDash(r.name()));
        out.println("  phone    " + orDash(r.phone()));
        Address a = r.address();
        out.println("  address  " + (a == null ? "-" : label(a)));
        if (a != null && a.postcode() != null && !a.postcode().isBlank()) {
            out.println("  postcode " + a.postcode());
        }
    }

    /** The address as a label prints it: province to house number, without country and postcode. */
    static String label(Address a) {
        return new Address(null, a.province(), a.city(), a.district(), a.street(), a.detail(), null).oneLine();
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
