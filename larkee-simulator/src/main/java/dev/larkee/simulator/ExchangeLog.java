package dev.larkee.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The most recent exchanges (bounded), newest first, for the dev console. */
@ApplicationScoped
public class ExchangeLog {

    /** How many exchanges are kept. */
    public static final int CAPACITY = 50;

    private final Deque<Exchange> recent = new ArrayDeque<>();

    public synchronized void add(Exchange exchange) {
        recent.addFirst(exchange);
        while (recent.size() > CAPACITY) {
            recent.removeLast();
        }
    }

    public synchronized List<Exchange> recent() {
        return new ArrayList<>(recent);
    }
}
