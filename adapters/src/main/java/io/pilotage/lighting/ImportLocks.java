package io.pilotage.lighting;

import java.util.Optional;

/**
 * Which node runs which import. The node running an import holds its lock for as long as it runs; the
 * lock lives in a database session, so it disappears with the node, however the node stops. An import
 * shown running whose lock anyone can take has lost its node, and can be ended; one whose lock is held
 * is being run by a live node, possibly another one, and must be left alone.
 */
public interface ImportLocks {

    /** Takes the import's lock, or answers empty when a live session (this node's or another's) holds it. */
    Optional<Lock> tryLock(String importId);

    /** A held lock. Closing it releases it. */
    interface Lock extends AutoCloseable {

        /** False once the session behind the lock has ended: another node may then end the import. */
        boolean isHeld();

        @Override
        void close();
    }
}
