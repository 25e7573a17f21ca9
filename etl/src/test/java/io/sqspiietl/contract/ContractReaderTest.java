package io.sqspiietl.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading contract files: what a valid one becomes, and how a set of them routes. */
class ContractReaderTest {
    private static final String PURCHASE = """
            contract: purchase
            table: shop.purchases
            match:
              event_type: purchase
            subject: customer_id
            columns:
              - name: order_id
                type: text
                max_length: 64
                required: true
              - name: customer_id
                type: text
                max_length: 64
              - name: masked_email
                source: customer_email
                type: text
                max_bytes: 254
                policy: mask
              - name: phone_hash
                source: [customer_phone, phone]
                type: text
                policy: hmac
              - name: client_network
                source: client_ip
                type: ip
                policy: ip-prefix
              - name: card_number
                source: payment_card_number
                type: text
                policy: drop
              - name: total
                type: numeric
                precision: 12
                scale: 2
                required: true
              - name: ordered_at
                type: timestamptz
                default: sent_time
              - name: sqs_message_id
                meta: sqs_message_id
            """;

    @Test
    void aContractFileBecomesItsColumnsWithTypesLimitsAndPolicies() throws ContractException {
        Contract contract = ContractReader.parse("purchase.yaml", PURCHASE);

        assertThat(contract.name()).isEqualTo("purchase");
        assertThat(contract.table()).isEqualTo("shop.purchases");
        assertThat(contract.match()).contains(new MatchRule("event_type", "purchase"));
        assertThat(contract.subject()).isEqualTo("customer_id");
        assertThat(contract.columns()).extracting(Column::name).containsExactly("order_id", "customer_id", "masked_email",
                "phone_hash", "client_network", "card_number", "total", "ordered_at", "sqs_message_id");
        assertThat(contract.storedColumns()).extracting(Column::name).doesNotContain("card_number").hasSize(8);
        assertThat(contract.keyedColumns()).extracting(Column::name).containsExactly("masked_email", "phone_hash");
        Column email = contract.column("masked_email").orElseThrow();
        assertThat(email.source()).isEqualTo(new Source.Fields(List.of("customer_email")));
        assertThat(email.maskDomain()).isEqualTo("customer_email");
        assertThat(email.limits()).isEqualTo(new Limits(0, 254, 0, 0));
        assertThat(contract.column("phone_hash").orElseThrow().source())
                .isEqualTo(new Source.Fields(List.of("customer_phone", "phone")));
        Column total = contract.column("total").orElseThrow();
        assertThat(total.required()).isTrue();
        assertThat(total.limits()).isEqualTo(new Limits(0, 0, 12, 2));
        assertThat(contract.column("ordered_at").orElseThrow().defaultSentTime()).isTrue();
        assertThat(contract.column("order_id").orElseThrow().source()).isEqualTo(new Source.Fields(List.of("order_id")));
        assertThat(contract.column("sqs_message_id").orElseThrow().source()).isEqualTo(new Source.Meta(MetaField.SQS_MESSAGE_ID));
        assertThat(contract.stats()).isEqualTo(new StatsSpec(List.of("masked_email", "phone_hash"), List.of()));
    }

    @Test
    void eachStoredColumnNeedsTheTypeItsPolicyStores() throws ContractException {
        Contract contract = ContractReader.parse("purchase.yaml", PURCHASE);

        assertThat(contract.storedColumns()).extracting(column -> column.sqlType().ddl()).containsExactly(
                "varchar(64)", "varchar(64)", "varchar(367)", "varchar(50)", "cidr", "numeric(12,2)", "timestamptz",
                "varchar(128)");
    }

    @Test
    void theBuiltInLoginContractIsTheTakeHomeTable() throws ContractException {
        Contract login = ContractReader.read(ContractReader.LOGIN);

        assertThat(login.name()).isEqualTo("login");
        assertThat(login.table()).isEqualTo("user_logins");
        assertThat(login.match()).isEmpty();
        assertThat(login.columns()).extracting(Column::name).containsExactly("user_id", "device_type", "locale",
                "masked_ip", "masked_device_id", "app_version", "create_date");
        assertThat(login.storedColumns()).extracting(column -> column.sqlType().ddl()).containsExactly(
                "varchar(128)", "varchar(32)", "varchar(32)", "varchar(242)", "varchar(242)", "integer", "date");
        assertThat(login.keyedColumns()).extracting(Column::maskDomain).containsExactly("ip", "device_id");
        assertThat(login.stats()).isEqualTo(new StatsSpec(List.of("masked_device_id", "masked_ip"),
                List.of("create_date", "device_type", "app_version")));
    }

    @Test
    void severalContractsRouteOnTheirSharedMatchFieldWithTheOneWithoutAMatchTakingTheRest(@TempDir Path dir)
            throws IOException, ContractException {
        Path purchase = Files.writeString(dir.resolve("purchase.yaml"), PURCHASE);

        Contracts contracts = ContractReader.readAll(List.of(ContractReader.LOGIN, purchase.toString()));

        assertThat(contracts.routingField()).contains("event_type");
        assertThat(contracts.route("purchase").name()).isEqualTo("purchase");
        assertThat(contracts.route("refund").name()).isEqualTo("login");
        assertThat(contracts.route(null).name()).isEqualTo("login");
        assertThat(contracts.named("purchase")).isPresent();
    }

    @Test
    void withoutAContractForTheRestAnUnmatchedMessageHasNone() throws ContractException {
        Contracts contracts = Contracts.of(ContractReader.parse("purchase.yaml", PURCHASE));

        assertThat(contracts.route("purchase").name()).isEqualTo("purchase");
        assertThat(contracts.route("refund")).isNull();
        assertThat(contracts.route(null)).isNull();
    }

    @Test
    void aMatchValueIsComparedAsJsonText() throws ContractException {
        Contract numbered = ContractReader.parse("v.yaml", """
                contract: v2
                table: t
                match: {schema_version: 2}
                columns: [{name: a, type: text}]
                """);

        assertThat(numbered.match()).isEqualTo(Optional.of(new MatchRule("schema_version", "2")));
    }
}
