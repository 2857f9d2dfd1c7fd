package dev.herald.testkit.campaign;

import dev.herald.testkit.Backend;

@Backend(Backend.Kind.POSTGRES)
class PostgresScheduledCampaignsIT extends ScheduledCampaignsContract {
}
