package dev.herald.testkit.campaign;

import dev.herald.testkit.Backend;

@Backend(Backend.Kind.DUCKDB)
class DuckDbScheduledCampaignsIT extends ScheduledCampaignsContract {
}
