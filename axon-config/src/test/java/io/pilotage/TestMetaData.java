package io.pilotage;

import io.pilotage.shared.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/** The audit keys every stored event must carry, for commands and events that tests send past the API's filters. */
public final class TestMetaData {

    private TestMetaData() {
    }

    /** Every always-present key set to {@code <source>:<key>}, through the API channel. */
    public static MetaData from(String source) {
        Map<String, Object> meta = new HashMap<>();
        MetadataKeys.ALWAYS.forEach(key -> meta.put(key, source + ":" + key));
        meta.put(MetadataKeys.CHANNEL, "api");
        return MetaData.from(meta);
    }
}
