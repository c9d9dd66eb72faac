package dev.larkee.dispatch;

import dev.larkee.cluster.DataGrid;
import dev.larkee.cluster.SharedDeliveries;
import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of events and callbacks being handled or already handled, with the reply they gave, so a
 * re-delivery (the platform delivers at least once, and retries events for hours) never runs the
 * observers a second time: while the first handling is in flight the id is claimed, once it
 * succeeded the reply is kept, and a failed handling lets go of the claim so a retry runs again.
 * Across the app's instances when they share a data grid ({@link DataGrid}), else on this one.
 */
@ApplicationScoped
public class DeliveredEvents {

    /** The shared map's name in the grid; keys carry the app id, so apps sharing a grid never meet. */
    static final String GRID_MAP = "larkee-deliveries";

    @Inject
    DataGrid grid;

    @Inject
    LarkeeConfiguration configuration;

    private DeliveryStore store;
    private final AtomicLong duplicates = new AtomicLong();

    /** For CDI; the store is chosen at {@link #choose()}. */
    public DeliveredEvents() {
        this(new LocalDeliveries());
    }

    DeliveredEvents(DeliveryStore store) {
        this.store = store;
    }

    @PostConstruct
    void choose() {
        store = grid.map(GRID_MAP, DeliveryStore.TTL_MS)
                .<DeliveryStore>map(map -> new SharedDeliveries(map, configuration.appId(), grid.instanceId()))
                .orElse(store);
    }

    /** Claims {@code id} for a handling, unless it is being handled or was handled; an empty id is always new. */
    DeliveryStore.Claim claim(String id) {
        if (id.isEmpty()) {
            return DeliveryStore.Claim.NEW;
        }
        DeliveryStore.Claim claim = store.claim(id);
        if (claim.seen() != DeliveryStore.Seen.NEW) {
            duplicates.incrementAndGet();
        }
        return claim;
    }

    /** Lets go of a claim whose handling failed or never ran: the next delivery of {@code id} runs the observers. */
    void release(String id) {
        if (!id.isEmpty()) {
            store.release(id);
        }
    }

    /** The reply given the first time, if {@code id} was delivered and answered before; {@code ""} means no reply JSON. */
    Optional<String> previousReply(String id) {
        return id.isEmpty() ? Optional.empty() : store.previousReply(id);
    }

    void remember(String id, String replyJson) {
        if (!id.isEmpty()) {
            store.remember(id, replyJson);
        }
    }

    /** Re-deliveries recognised (handled before, or in flight): de-duplication hits. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Where ids are kept ("local memory" or the data grid). */
    public String storeDescription() {
        return store.describe();
    }
}
