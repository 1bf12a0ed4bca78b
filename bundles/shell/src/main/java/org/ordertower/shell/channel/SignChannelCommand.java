package org.ordertower.shell.channel;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.SignatureTrace;

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
        Map<String, String> map = new TreeMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("parameters are key=value pairs; '" + p + "' is not");
            }
            map.put(p.substring(0, eq), p.substring(eq + 1));
        }
        SignatureTrace t = channels.sign(platform, secret, map);
        System.out.println("method:         " + t.method());
        System.out.println("string to sign: " + t.stringToSign());
        System.out.println("signature:      " + t.signature());
        return null;
    }
}
