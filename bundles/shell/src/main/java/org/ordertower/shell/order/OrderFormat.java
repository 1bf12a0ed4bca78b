package org.ordertower.shell.order;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;
import org.ordertower.api.Address;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;

/** Plain-text rendering of orders for the shell. */
final class OrderFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private OrderFormat() {
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static void print(Order o, List<AuditEntry> timeline, PrintStream out) {
        NormalizedOrder c = o.content();
        out.println("Order " + o.id() + "  " + c.key());
        out.println("  status        " + o.status() + "   risk " + o.riskLevel() + "   revision " + o.revision());
        out.println("  platform      status " + nz(c.platformStatus()) + ", version " + c.platformVersion()
                + ", changed " + time(c.platformChangedAt()));
        out.println("  payment       " + c.paymentStatus() + (c.paidAt() == null ? "" : " at " + time(c.paidAt())));
        out.println("  created       " + time(c.createdAt()) + "   received " + time(o.receivedAt()));
        if (c.buyer() != null) {
            out.println("  buyer         " + nz(c.buyer().name()) + "  " + nz(c.buyer().phone()) + "  ("
                    + nz(c.buyer().platformBuyerId()) + ")");
        }
        Address a = c.address();
        if (a != null) {
            out.println("  address       " + a.oneLine());
        }
        out.println("  amounts       " + c.amounts().currency() + " goods " + c.amounts().goods().toPlainString()
                + ", discount " + c.amounts().discount().toPlainString() + ", shipping "
                + c.amounts().shipping().toPlainString() + ", paid " + c.amounts().paid().toPlainString());
        if (c.buyerNote() != null) {
            out.println("  buyer note    " + c.buyerNote());
        }
        if (c.sellerNote() != null) {
            out.println("  seller note   " + c.sellerNote());
        }
        if (!c.tags().isEmpty()) {
            out.println("  tags          " + String.join(", ", c.tags()));
        }
        out.println();
        ShellTable lines = new ShellTable();
        lines.column("Line");
        lines.column("Channel SKU");
        lines.column("Master SKU");
        lines.column("Qty").alignRight();
        lines.column("Unit price").alignRight();
        lines.column("Paid").alignRight();
        lines.column("Gift");
        lines.column("Parent");
        for (OrderLine l : c.lines()) {
            lines.addRow().addContent(l.lineNo(), l.channelSku(), nz(l.masterSku()), l.quantity(), money(l.unitPrice()),
                    money(l.paidAmount()), l.gift() ? "gift" : "", nz(l.parentLineNo()));
        }
        lines.print(out);
        out.println();
        out.println("Timeline");
        ShellTable t = new ShellTable();
        t.column("When");
        t.column("Who");
        t.column("What");
        t.column("Field");
        t.column("From");
        t.column("To");
        t.column("Why");
        for (AuditEntry e : timeline) {
            t.addRow().addContent(time(e.at()), e.actor().toString(), e.action(), nz(e.field()), nz(e.oldValue()),
                    nz(e.newValue()), nz(e.reason()));
        }
        t.print(out);
    }

    private static String money(java.math.BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }

    static String nz(Object s) {
        return s == null ? "" : s.toString();
    }
}
