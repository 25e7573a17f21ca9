package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.contract.TestContracts;
import org.junit.jupiter.api.Test;

class ContractTablesDdlTest {

    @Test
    void theDdlDeclaresEachStoredColumnWithTheTypeItsPolicyNeedsAndARequiredOneNotNull() {
        String ddl = ContractTables.ddl(TestContracts.parse("""
                contract: order
                table: shop.orders
                columns:
                  - {name: order_id, type: text, max_length: 64, required: true}
                  - {name: masked_email, source: email, type: text, max_bytes: 254, policy: mask}
                  - {name: phone_hash, source: phone, type: text, policy: hmac}
                  - {name: network, source: ip, type: ip, policy: ip-prefix}
                  - {name: card, type: text, policy: drop}
                  - {name: total, type: numeric, precision: 12, scale: 2}
                  - {name: app_version, type: version}
                  - {name: at, type: timestamptz}
                  - {name: loaded_at, meta: load_time}
                """));

        assertThat(ddl).isEqualTo("""
                CREATE TABLE IF NOT EXISTS shop.orders (
                  order_id varchar(64) NOT NULL,
                  masked_email varchar(367),
                  phone_hash varchar(50),
                  network cidr,
                  total numeric(12,2),
                  app_version integer,
                  at timestamptz,
                  loaded_at timestamptz
                );""");
    }
}
