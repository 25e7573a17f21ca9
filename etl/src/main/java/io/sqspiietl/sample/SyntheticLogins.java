package io.sqspiietl.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Generates message bodies shaped like the take-home dataset: Python {@code json.dumps} formatting,
 * a {@code null} locale in about 30% of messages, {@code app_version} as a string in the shapes
 * {@code x.y.z}, {@code x.yy} and {@code x.y}, repeated ip and device_id values, and one message of
 * a wrong type in every hundred. The same seed always gives the same bodies.
 */
public final class SyntheticLogins {
    /** The non-login message found in the real dataset; it must end up in the quarantine. */
    public static final String WRONG_TYPE_BODY = "{\"foo\": \"oops_wrong_msg_type\", \"bar\": \"123\"}";
    /** Where in every hundred messages the wrong-type one sits. */
    static final int WRONG_TYPE_POSITION = 42;

    private static final String[] LOCALES = {"RU", "PH", "US", "ID", "BR", "DE", "CN", "FR", "PL", "NG"};
    private static final String[] DEVICE_TYPES = {"android", "ios"};
    private static final String[] SHORT_VERSIONS = {"0.96", "3.7", "0.60", "2.0", "2.00", "1.15", "4.1", "0.5"};

    private final Random random;
    private final List<String> repeatedIps = new ArrayList<>();
    private final List<String> repeatedDeviceIds = new ArrayList<>();
    private long generated;

    public SyntheticLogins(long seed) {
        this.random = new Random(seed);
        for (int i = 0; i < 5; i++) {
            repeatedIps.add(randomIp());
            repeatedDeviceIds.add(randomDeviceId());
        }
    }

    /** The take-home-shaped sample: 100 messages, 99 login events and one wrong-type message. */
    public static List<String> takeHomeSample() {
        return new SyntheticLogins(2024).next(100);
    }

    /** How many of the first {@code messages} bodies of any sequence are the wrong-type message. */
    public static long wrongTypeCount(long messages) {
        return messages / 100 + (messages % 100 > WRONG_TYPE_POSITION ? 1 : 0);
    }

    /** The next {@code count} bodies of this generator's sequence. */
    public List<String> next(int count) {
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(next());
        }
        return bodies;
    }

    /** The next body of this generator's sequence. */
    public String next() {
        long position = generated++;
        if (position % 100 == WRONG_TYPE_POSITION) {
            return WRONG_TYPE_BODY;
        }
        String locale = random.nextInt(10) < 3 ? null : LOCALES[random.nextInt(LOCALES.length)];
        // About one event in six reuses an ip or device id, so duplicates show up in GROUP BY.
        String ip = random.nextInt(6) == 0 ? pick(repeatedIps) : randomIp();
        String deviceId = random.nextInt(6) == 0 ? pick(repeatedDeviceIds) : randomDeviceId();
        return String.format(Locale.ROOT,
                "{\"user_id\": \"%s\", \"app_version\": \"%s\", \"device_type\": \"%s\", \"ip\": \"%s\", "
                        + "\"locale\": %s, \"device_id\": \"%s\"}",
                new UUID(random.nextLong(), random.nextLong()), appVersion(),
                DEVICE_TYPES[random.nextInt(DEVICE_TYPES.length)], ip,
                locale == null ? "null" : "\"" + locale + "\"", deviceId);
    }

    private String appVersion() {
        if (random.nextInt(100) < 45) {
            return random.nextInt(6) + "." + random.nextInt(10) + "." + random.nextInt(10);
        }
        return SHORT_VERSIONS[random.nextInt(SHORT_VERSIONS.length)];
    }

    private String randomIp() {
        return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
    }

    private String randomDeviceId() {
        return String.format(Locale.ROOT, "%03d-%02d-%04d",
                random.nextInt(1000), random.nextInt(100), random.nextInt(10_000));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
