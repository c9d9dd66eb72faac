package com.example.approvals;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The application's own state: decisions taken on approval requests (in memory, for the example). */
@ApplicationScoped
public class ApprovalRequests {

    private final Map<String, String> decisions = new ConcurrentHashMap<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();

    void decide(String request, String decision) {
        decisions.put(request, decision);
    }

    public Optional<String> decision(String request) {
        return Optional.ofNullable(decisions.get(request));
    }

    void messageReceived(String eventId) {
        messages.add(eventId);
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }
}
