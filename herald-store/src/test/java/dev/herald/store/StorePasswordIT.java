package dev.herald.store;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.herald.workspace.StoreLocation;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A store that cannot be opened says why, with the driver's own words, but never with the password. */
class StorePasswordIT {

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://u:s3cret@127.0.0.1:notaport/db",
            "postgresql://u:s3cret@127.0.0.1:/db",
            "postgresql://u:s3cret@127.0.0.1:99999/db",
            "jdbc:postgresql:/db?password=s3cret",
            "jdbc:postgresql://127.0.0.1:1/db?user=u&password=s3cret",
            "postgresql://u:s3cret@127.0.0.1:1/db"})
    void a_store_that_cannot_be_opened_never_shows_its_password(String setting) {
        StoreLocation location = StoreLocation.parse(setting, Path.of("/tmp"));

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> Store.open(location).close())
                .withMessageStartingWith("cannot open the store ").withMessageNotContaining("s3cret");
    }
}
