package org.ordertower.shell.ship;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.shell.KeyValues;
import org.ordertower.shell.channel.SignChannelCommand;

@Service
@Command(scope = "ship", name = "sign", description = "Sign parameters as a warehouse system or carrier does: prints the "
        + "string signed and the signature")
public class SignPartnerCommand implements Action {
    @Reference
    FulfilmentService fulfilment;

    @Argument(index = 0, name = "partner", description = "The partner, for example qimen, cainiao or kuaidi100", required = true)
    String partner;

    @Option(name = "--secret", description = "The secret (Qimen, Cainiao: the app secret; Kuaidi100: the key for a query, "
            + "the salt for a push)", required = true)
    String secret;

    @Argument(index = 1, name = "params", description = "key=value pairs taking part in the signature (body=<xml> for "
            + "Qimen's body, param=<json> for Kuaidi100)", multiValued = true)
    List<String> params = List.of();

    @Override
    public Object execute() {
        SignChannelCommand.print(fulfilment.sign(partner, secret, KeyValues.parse(params, "parameters")));
        return null;
    }
}
