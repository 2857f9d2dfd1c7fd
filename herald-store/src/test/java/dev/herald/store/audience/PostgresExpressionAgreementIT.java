package dev.herald.store.audience;

import dev.herald.store.Backend;

@Backend(Backend.Kind.POSTGRES)
class PostgresExpressionAgreementIT extends ExpressionAgreementContract {
}
