package dev.larkee.it.cluster;

import dev.larkee.callback.CardAction;
import dev.larkee.callback.CardActionReply;
import dev.larkee.callback.PlatformEvent;
import dev.larkee.callback.Toast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The cluster test's observers: every run appends {@code <event id> <instance>} to the file named by
 * {@code probe.file}, so the test counts across processes how often each event's observers ran.
 * A card action takes {@code probe.work-ms} (a little real work, so restarts catch handlings in
 * flight) and answers a toast naming the instance.
 */
@ApplicationScoped
public class ClusterProbeObservers {

    private FileChannel file;
    private String instance;
    private long workMs;

    private synchronized void record(String id) {
        try {
            if (file == null) {
                instance = ConfigProvider.getConfig().getValue("probe.instance", String.class);
                workMs = ConfigProvider.getConfig().getOptionalValue("probe.work-ms", Long.class).orElse(20L);
                file = FileChannel.open(Path.of(ConfigProvider.getConfig().getValue("probe.file", String.class)),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            file.write(ByteBuffer.wrap((id + " " + instance + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void onCard(@Observes CardAction click) throws InterruptedException {
        record(click.id());
        Thread.sleep(workMs); // the observer's own work
        click.reply(CardActionReply.toast(Toast.info(instance)));
    }

    void onEvent(@Observes PlatformEvent event) {
        record(event.id());
    }
}
