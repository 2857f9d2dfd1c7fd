package dev.herald.testkit.audience;

import dev.herald.testkit.Backend;

@Backend(Backend.Kind.POSTGRES)
class PostgresExpressionAgreementIT extends ExpressionAgreementContract {
}
