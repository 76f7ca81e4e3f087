package io.tableaurelay.message.sms;

import com.twilio.http.TwilioRestClient;
import io.tableaurelay.message.Templates;
import io.tableaurelay.settings.Settings;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.twilio.TwilioComponent;

/**
 * SMS: {@code smsMessages}, and the {@code twilio} component, made only when an SMS channel is on: every SMS channel
 * sends through the one Twilio account of twilio.account-sid and twilio.auth-token, at twilio.api-url.
 */
public class SmsConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public SmsMessages smsMessages(@BeanInject("templates") Templates templates) {
        return new SmsMessages(templates);
    }

    @BindToRegistry(value = "twilio", lazy = true)
    public TwilioComponent twilio(CamelContext context) {
        Settings settings = new Settings(context);
        String accountSid = settings.get("twilio.account-sid");
        TwilioRestClient client = new TwilioRestClient.Builder(accountSid, settings.get("twilio.auth-token"))
                .httpClient(new TwilioApiUrlClient(settings.url("twilio.api-url")))
                .build();
        TwilioComponent twilio = new TwilioComponent();
        twilio.setRestClient(client);
        twilio.setAccountSid(accountSid);
        return twilio;
    }
}
