package org.ordertower.shell.channel;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.shell.KeyValues;

@Service
@Command(scope = "channel", name = "sign", description = "Sign parameters as the platform does: prints the string signed and the signature")
public class SignChannelCommand implements Action {
    @Reference
    ChannelService channels;

    @Argument(index = 0, name = "platform", description = "The platform, for example taobao", required = true)
    String platform;

    @Option(name = "--secret", description = "The app secret", required = true)
    String secret;

    @Argument(index = 1, name = "params", description = "key=value pairs taking part in the signature", multiValued = true)
    List<String> params = List.of();

    @Override
    public Object execute() {
        print(channels.sign(platform, secret, KeyValues.parse(params, "parameters")));
        return null;
    }

    /** Prints a signature the way {@code channel:sign} and {@code ship:sign} show it. */
    public static void print(SignatureTrace t) {
        System.out.println("method:         " + t.method());
        System.out.println("string to sign: " + t.stringToSign());
        System.out.println("signature:      " + t.signature());
    }
}
