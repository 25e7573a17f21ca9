package io.sqspiietl.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyntheticLoginsTest {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\": (null|\"[^\"]*\")");

    @Test
    void takeHomeSampleHasTheShapeOfTheRealData() {
        List<String> sample = SyntheticLogins.takeHomeSample();

        assertThat(sample).hasSize(100).containsOnlyOnce(SyntheticLogins.WRONG_TYPE_BODY);
        List<Map<String, String>> events = sample.stream()
                .filter(body -> !body.equals(SyntheticLogins.WRONG_TYPE_BODY)).map(SyntheticLoginsTest::fields).toList();
        long nullLocales = events.stream().filter(e -> e.get("locale").equals("null")).count();
        assertThat(nullLocales).isBetween(20L, 40L);
        assertThat(events).extracting(e -> e.get("app_version"))
                .anyMatch(v -> v.matches("\"\\d\\.\\d\\.\\d\""))
                .anyMatch(v -> v.matches("\"\\d\\.\\d\\d\""))
                .anyMatch(v -> v.matches("\"\\d\\.\\d\""));
        assertThat(events.stream().map(e -> e.get("device_id")).distinct().count()).isLessThan(99);
        assertThat(events.stream().map(e -> e.get("ip")).distinct().count()).isLessThan(99);
        assertThat(sample.get(0)).startsWith("{\"user_id\": \"").contains("\", \"app_version\": \"");
    }

    @Test
    void sameSeedGivesSameBodies() {
        assertThat(new SyntheticLogins(7).next(300)).isEqualTo(new SyntheticLogins(7).next(300))
                .isNotEqualTo(new SyntheticLogins(8).next(300));
    }

    private static Map<String, String> fields(String body) {
        Map<String, String> fields = new HashMap<>();
        Matcher matcher = FIELD.matcher(body);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        return fields;
    }
}
