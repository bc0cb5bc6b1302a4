package io.pilotage.contract;

import io.pilotage.contract.ContractEvent.ContractAmended;
import io.pilotage.contract.ContractEvent.ContractSigned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The terms as the contract's stream holds them, read when a decision needs them. The stream is short (a few
 * amendments over twelve years), so it is read again whenever its last sequence number moved: one indexed
 * query per decision, and an amendment counts from the moment it is appended, on every node.
 */
@Component
public class ContractTermsFromStream implements ContractTermsInForce {

    private final EventStore events;
    private volatile Versions cached = new Versions(-1, List.of());

    public ContractTermsFromStream(EventStore events) {
        this.events = events;
    }

    private record Versions(long lastSequence, List<TermsVersion> versions) {
    }

    @Override
    public TermsVersion at(Instant at) {
        List<TermsVersion> versions = versions();
        return TermsVersion.inForceAt(versions, at).orElse(versions.get(0));
    }

    @Override
    public TermsVersion version(int version) {
        return versions().stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new IllegalStateException("The contract has no terms version " + version));
    }

    private List<TermsVersion> versions() {
        Optional<Long> last = events.lastSequenceNumberFor(ContractCommands.CONTRACT_ID);
        Versions current = cached;
        if (last.isEmpty()) {
            throw new IllegalStateException("The contract is not signed yet: its terms are seeded on start");
        }
        if (current.lastSequence() != last.get()) {
            List<TermsVersion> read = new ArrayList<>();
            long[] sequence = {-1};
            events.readEvents(ContractCommands.CONTRACT_ID).asStream().forEach(message -> {
                sequence[0] = message.getSequenceNumber();
                read.add(versionOf(message));
            });
            current = new Versions(sequence[0], List.copyOf(read));
            cached = current;
        }
        return current.versions();
    }

    private static TermsVersion versionOf(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof ContractSigned signed) {
            return new TermsVersion(1, signed.effectiveFrom(), signed.terms(), "Signed", message.getTimestamp());
        }
        ContractAmended amended = (ContractAmended) payload;
        return new TermsVersion(amended.version(), amended.effectiveFrom(), amended.terms(), amended.reason(), message.getTimestamp());
    }
}
