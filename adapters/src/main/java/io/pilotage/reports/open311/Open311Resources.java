package io.pilotage.reports.open311;

import java.util.List;
import java.util.regex.Pattern;

/** The resources of GeoReport v2 and the methods each answers, to tell a wrong method (405) from a wrong path (404). */
final class Open311Resources {

    private static final Pattern DOCUMENT = Pattern.compile("/open311/v2/(discovery|services)\\.[^/]+");
    private static final Pattern ONE = Pattern.compile("/open311/v2/(services|requests)/[^/]+\\.[^/]+");
    private static final Pattern REQUESTS = Pattern.compile("/open311/v2/requests\\.[^/]+");

    private Open311Resources() {
    }

    static List<String> methodsOf(String path) {
        if (REQUESTS.matcher(path).matches()) {
            return List.of("GET", "HEAD", "POST");
        }
        if (DOCUMENT.matcher(path).matches() || ONE.matcher(path).matches()) {
            return List.of("GET", "HEAD");
        }
        return List.of();
    }
}
