package dev.incidentlifecycle.reviews.people;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressTest {

    @Test
    void an_address_is_taken_stripped() {
        assertThat(EmailAddress.parse("  Kim.Lee+reviews@example.com ")).map(EmailAddress::value)
                .contains("Kim.Lee+reviews@example.com");
    }

    @Test
    void text_that_is_no_address_is_not_taken() {
        assertThat(EmailAddress.parse(null)).isEmpty();
        assertThat(EmailAddress.parse("")).isEmpty();
        assertThat(EmailAddress.parse("kim")).isEmpty();
        assertThat(EmailAddress.parse("kim@")).isEmpty();
        assertThat(EmailAddress.parse("@example.com")).isEmpty();
        assertThat(EmailAddress.parse("kim@lee@example.com")).isEmpty();
        assertThat(EmailAddress.parse("kim lee@example.com")).isEmpty();
        assertThat(EmailAddress.parse("kim@example.com\r\nATTENDEE:mailto:x@example.com")).isEmpty();
    }

    @Test
    void an_address_longer_than_rfc_5321_allows_is_not_taken() {
        String local = "k".repeat(EmailAddress.MAX_LOCAL_PART);
        assertThat(EmailAddress.parse(local + "@example.com")).isPresent();
        assertThat(EmailAddress.parse(local + "k@example.com")).isEmpty();
        String domain = "d".repeat(EmailAddress.MAX_LENGTH - 2);
        assertThat(EmailAddress.parse("k@" + domain)).isPresent();
        assertThat(EmailAddress.parse("k@" + domain + "d")).isEmpty();
        assertThatThrownBy(() -> new EmailAddress("k@" + domain + "d")).isInstanceOf(IllegalArgumentException.class);
    }
}
