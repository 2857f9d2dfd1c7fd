package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignedLinksTest {

    private final SignedLinks links = new SignedLinks("https://t.shop.example/", "k".repeat(32).getBytes(StandardCharsets.US_ASCII));

    @Test
    void a_link_names_its_message_and_only_its_own_signature_opens_it() {
        String url = links.unsubscribeUrl(12, 3456);
        assertThat(url).startsWith("https://t.shop.example/u/").doesNotContain("=").doesNotContain("+").doesNotContain("/u/u/");
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(links.unsubscribed(token)).contains(new SignedLinks.MessageRef(12, 3456));

        byte[] mine = java.util.Base64.getUrlDecoder().decode(token);
        byte[] forged = java.util.Base64.getUrlDecoder().decode(links.unsubscribeToken(12, 3457));
        System.arraycopy(mine, 16, forged, 16, 16); // the ids of message 3457 under the signature of 3456
        assertThat(links.unsubscribed(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged))).isEmpty();
        assertThat(new SignedLinks("https://t.shop.example", "x".repeat(32).getBytes(StandardCharsets.US_ASCII)).unsubscribed(token)).isEmpty();
        assertThat(links.unsubscribed("not-base64!")).isEmpty();
        assertThat(links.unsubscribed("")).isEmpty();
    }
}
