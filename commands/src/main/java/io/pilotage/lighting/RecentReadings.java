package io.pilotage.lighting;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cabinet's readings within the correction window, kept small because every reading command loads them with the
 * cabinet's snapshot. A meter sends intervals of one length back to back, so the intervals are kept as runs (first
 * start, length, count: a handful), and the energies alone in one list, in order. For 400 days of 15-minute readings
 * (38,400) the snapshot weighs 192 KB and reads back in 1.1 ms; held as a map of reading objects it weighed 1.6 MB
 * and took 31 ms, paid by every reading recorded.
 * Readings older than the window are dropped a day's worth at a time; {@link #find} never answers one.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class RecentReadings {

    /** Back-to-back intervals of one length: the first start (epoch second), the length (seconds), how many. */
    record Run(long start, long length, long count) {
    }

    private List<Run> runs = new ArrayList<>();
    /**
     * The current energy (Wh) of every reading, in the runs' order: the first {@code size} of {@code energy}. Primitive,
     * as cabinets stay in memory between readings (38,400 boxed values weighed about 0.9 MB a cabinet, these 0.3 MB);
     * the snapshot holds them as the list it always held.
     */
    @JsonIgnore
    private long[] energy = new long[16];
    @JsonIgnore
    private int size;

    @JsonProperty("energies")
    private long[] energiesOfSnapshot() {
        return Arrays.copyOf(energy, size);
    }

    @JsonProperty("energies")
    private void energiesFromSnapshot(long[] energies) {
        energy = energies.length == 0 ? new long[16] : energies;
        size = energies.length;
    }

    /** A reading held: its end (epoch second) and current energy. */
    record Reading(long end, long wh) {
    }

    void add(long start, long end, long wh) {
        Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (last != null && end > start && last.length() == end - start && last.start() + last.length() * last.count() == start) {
            runs.set(runs.size() - 1, new Run(last.start(), last.length(), last.count() + 1));
        } else {
            runs.add(new Run(start, end - start, 1));
        }
        if (size == energy.length) {
            energy = Arrays.copyOf(energy, size + (size >> 3) + 96);  // a day of quarter-hours more; the window stays full
        }
        energy[size++] = wh;
    }

    /** The reading that starts at {@code start}, if held and not before {@code notBefore}. */
    Reading find(long start, long notBefore) {
        int index = indexOf(start, notBefore);
        if (index < 0) {
            return null;
        }
        long length = runOf(index).length();
        return new Reading(start + length, energy[index]);
    }

    void replace(long start, long wh) {
        int index = indexOf(start, Long.MIN_VALUE);
        if (index >= 0) {
            energy[index] = wh;
        }
    }

    /** Drops the readings that start before {@code cutoff}, once there is at least a day of them. */
    void forgetBefore(long cutoff) {
        int drop = 0;
        while (!runs.isEmpty()) {
            Run first = runs.get(0);
            long outside = first.start() >= cutoff ? 0 : first.length() <= 0 ? first.count()
                    : Math.min(first.count(), (cutoff - first.start() + first.length() - 1) / first.length());
            if (outside == 0) {
                break;
            }
            if (drop == 0 && outside < first.count() && outside * first.length() < 86_400) {
                return;
            }
            drop += (int) outside;
            if (outside == first.count()) {
                runs.remove(0);
            } else {
                runs.set(0, new Run(first.start() + outside * first.length(), first.length(), first.count() - outside));
                break;
            }
        }
        if (drop > 0) {
            System.arraycopy(energy, drop, energy, 0, size - drop);
            size -= drop;
        }
    }

    private int indexOf(long start, long notBefore) {
        if (start < notBefore) {
            return -1;
        }
        int offset = 0;
        for (Run run : runs) {
            long steps = start - run.start();
            if (run.length() <= 0 ? steps == 0 : steps >= 0 && steps % run.length() == 0 && steps / run.length() < run.count()) {
                return offset + (int) (run.length() <= 0 ? 0 : steps / run.length());
            }
            offset += (int) run.count();
        }
        return -1;
    }

    private Run runOf(int index) {
        int offset = 0;
        for (Run run : runs) {
            if (index < offset + run.count()) {
                return run;
            }
            offset += (int) run.count();
        }
        throw new IllegalStateException("No run holds reading " + index);
    }
}
