package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedLinksTest {

    private static final byte[] K1 = "k".repeat(32).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K2 = "2".repeat(32).getBytes(StandardCharsets.US_ASCII);
    private final SignedLinks links = new SignedLinks("https://t.shop.example/", K1);

    @Test
    void an_unsubscribe_link_names_its_message_and_only_its_own_signature_opens_it() {
        long message = (12L << 32) + 3456;
        String url = links.unsubscribeUrl(message);
        assertThat(url).startsWith("https://t.shop.example/u/").doesNotContain("=").doesNotContain("+").doesNotContain("/u/u/");
        String token = token(url);
        assertThat(links.read(SignedLinks.Kind.UNSUBSCRIBE, token)).hasValueSatisfying(t -> assertThat(t.messageId()).isEqualTo(message));

        byte[] mine = decode(token);
        byte[] forged = decode(links.unsubscribeToken(message + 1));
        System.arraycopy(mine, mine.length - 16, forged, forged.length - 16, 16); // the next message under this one's signature
        assertThat(links.read(SignedLinks.Kind.UNSUBSCRIBE, encode(forged))).isEmpty();
        assertThat(new SignedLinks("https://t.shop.example", "x".repeat(32).getBytes(StandardCharsets.US_ASCII))
                .read(SignedLinks.Kind.UNSUBSCRIBE, token)).isEmpty();
        assertThat(links.read(SignedLinks.Kind.UNSUBSCRIBE, "not-base64!")).isEmpty();
        assertThat(links.read(SignedLinks.Kind.UNSUBSCRIBE, "")).isEmpty();
        assertThat(links.read(SignedLinks.Kind.UNSUBSCRIBE, token.substring(0, token.length() - 2))).isEmpty();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (char c : alphabet.toCharArray()) { // a last character that differs only in bits base64 does not use is another token too
            String other = token.substring(0, token.length() - 1) + c;
            if (!other.equals(token)) {
                assertThat(links.read(SignedLinks.Kind.UNSUBSCRIBE, other)).as(other).isEmpty();
            }
        }
    }

    @Test
    void a_token_of_one_kind_does_not_open_another() {
        String open = token(links.openUrl(77));
        assertThat(links.read(SignedLinks.Kind.OPEN, open)).hasValueSatisfying(t -> assertThat(t.messageId()).isEqualTo(77));
        assertThat(links.read(SignedLinks.Kind.UNSUBSCRIBE, open)).isEmpty();
        assertThat(links.read(SignedLinks.Kind.CLICK, open)).isEmpty();
    }

    @Test
    void a_click_token_carries_its_link_and_url_and_no_other_url_can_be_put_in() {
        String target = "https://shop.example/sale?id=7&utm=é\u00a0x";
        String token = token(links.clickUrl(99, 3, target));
        assertThat(links.read(SignedLinks.Kind.CLICK, token)).contains(new SignedLinks.Token(SignedLinks.Kind.CLICK, 1, 99, 3, target));

        byte[] raw = decode(token);
        raw[raw.length - 17] ^= 1; // the URL's last byte changed, the signature kept
        assertThat(links.read(SignedLinks.Kind.CLICK, encode(raw))).isEmpty();
    }

    @Test
    void links_are_signed_with_the_newest_key_and_read_with_any_known_one() {
        String old = token(links.clickUrl(5, 1, "https://a.example"));
        SignedLinks rotated = new SignedLinks("https://t.shop.example", Map.of(1, K1, 2, K2));
        String fresh = token(rotated.clickUrl(5, 1, "https://a.example"));
        assertThat(rotated.read(SignedLinks.Kind.CLICK, old)).hasValueSatisfying(t -> assertThat(t.keyId()).isEqualTo(1));
        assertThat(rotated.read(SignedLinks.Kind.CLICK, fresh)).hasValueSatisfying(t -> assertThat(t.keyId()).isEqualTo(2));
        assertThat(links.read(SignedLinks.Kind.CLICK, fresh)).as("a key this side does not know").isEmpty();
        assertThat(new SignedLinks("https://t.shop.example", Map.of(2, K2)).read(SignedLinks.Kind.CLICK, old))
                .as("a retired key").isEmpty();
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static byte[] decode(String token) {
        return Base64.getUrlDecoder().decode(token);
    }

    private static String encode(byte[] raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
