package dev.herald.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    @Test
    void a_misspelt_name_gets_the_closest_known_one() {
        assertThat(DidYouMean.hint("emial", List.of("id", "email", "phone"))).isEqualTo(" — did you mean 'email'?");
        assertThat(DidYouMean.hint("contry", List.of("city", "country"))).isEqualTo(" — did you mean 'country'?");
    }

    @Test
    void a_name_that_is_one_word_of_a_longer_one_gets_the_longer_one() {
        assertThat(DidYouMean.hint("state", List.of("id", "customer_state", "customer_city"))).isEqualTo(" — did you mean 'customer_state'?");
        assertThat(DidYouMean.hint("status", List.of("id", "order_status", "purchased_at"))).isEqualTo(" — did you mean 'order_status'?");
        assertThat(DidYouMean.hint("purchased", List.of("id", "order_purchased_at"))).isEqualTo(" — did you mean 'order_purchased_at'?");
    }

    @Test
    void a_longer_name_gets_the_one_word_it_ends_or_starts_with() {
        assertThat(DidYouMean.hint("order_status", List.of("id", "status"))).isEqualTo(" — did you mean 'status'?");
        assertThat(DidYouMean.hint("customer_id", List.of("id", "name"))).isEqualTo(" — did you mean 'id'?");
    }

    @Test
    void a_close_spelling_wins_over_a_shared_word() {
        assertThat(DidYouMean.hint("stat", List.of("stats", "customer_stat"))).isEqualTo(" — did you mean 'stats'?");
    }

    @Test
    void a_different_case_is_the_closest_of_all() {
        assertThat(DidYouMean.hint("Email", List.of("mail", "email"))).isEqualTo(" — did you mean 'email'?");
    }

    @Test
    void a_part_of_a_word_or_a_distant_name_gets_no_hint() {
        assertThat(DidYouMean.hint("stat", List.of("status", "order_status"))).isEmpty();
        assertThat(DidYouMean.hint("tus", List.of("status"))).isEmpty();
        assertThat(DidYouMean.hint("zip", List.of("country", "city"))).isEmpty();
        assertThat(DidYouMean.hint("x", List.of())).isEmpty();
    }
}
