package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpCanonicalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "199.172.111.135,  199.172.111.135",
        "0.0.0.0,          0.0.0.0",
        "255.255.255.255,  255.255.255.255",
        "010.001.000.009,  10.1.0.9",
        "001.2.3.4,        1.2.3.4",
        "1.02.3.4,         1.2.3.4",
        "1.2.3.04,         1.2.3.4",
        "10.0.0.00,        10.0.0.0",
        "9.99.100.255,     9.99.100.255",
    })
    void ipv4DropsLeadingZerosAndReadsPartsAsDecimal(String input, String expected) {
        assertThat(IpCanonicalizer.canonicalize(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2001:DB8:0:0:0:0:0:1,                    2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8::1,                             2001:db8::1",
        "0:0:0:0:0:0:0:1,                         ::1",
        "::,                                      ::",
        "0:0:0:0:0:0:0:0,                         ::",
        "1::,                                     1::",
        "1:0:0:0:0:0:0:0,                         1::",
        "2001:db8:0:1:1:1:1:1,                    2001:db8:0:1:1:1:1:1",
        "2001:db8:0:0:1:0:0:1,                    2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1,                      2001:0:0:1::1",
        "1:2:3:4:5:6:7::,                         1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8,                         0:2:3:4:5:6:7:8",
        "FE80::ABCD:EF01,                         fe80::abcd:ef01",
        "::1.2.3.4,                               ::102:304",
        "64:ff9b::192.0.2.33,                     64:ff9b::c000:221",
    })
    void ipv6FollowsRfc5952(String input, String expected) {
        assertThat(IpCanonicalizer.canonicalize(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "::ffff:1.2.3.4,           1.2.3.4",
        "::FFFF:001.002.003.004,   1.2.3.4",
        "::ffff:102:304,           1.2.3.4",
        "0:0:0:0:0:ffff:c7ac:6f87, 199.172.111.135",
    })
    void ipv4MappedIpv6BecomesPlainIpv4(String input, String expected) {
        assertThat(IpCanonicalizer.canonicalize(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is kept as is")
    @ValueSource(strings = {
        "example.com", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.", ".1.2.3", "1..2.3",
        "0001.2.3.4", "1.2.3.4 ", "-1.2.3.4", "１.２.３.４",
        "fe80::1%eth0", ":1::", "1:", "1:::2", "1::2::3", "12345::", "g::1", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1.2.3.4::", "::1.2.3.4:5", "::ffff:1.2.3", "::1.2.3.256",
        "1:2:3:4:5:6:7:1.2.3.4", "",
    })
    void nonLiteralsAreKeptUnchanged(String input) {
        assertThat(IpCanonicalizer.canonicalize(input)).isSameAs(input);
    }
}
