package io.pilotage;

/** Request bodies the integration tests send again and again. */
public final class TestPayloads {

    private TestPayloads() {
    }

    public static String lightPoint(String id, String cabinetId, String commune, int ratedPowerW) {
        return """
                {"lightPointId":"%s","commune":"%s","latitude":47.3220,"longitude":5.0415,"cabinetId":"%s",
                 "ratedPowerW":%d,"legacyPowerW":150,"technology":"LED"}""".formatted(id, commune, cabinetId, ratedPowerW);
    }
}
