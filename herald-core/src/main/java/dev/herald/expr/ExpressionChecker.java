package dev.herald.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.herald.delivery.MessageLog;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and type-checks CEL expressions against the schema, on a targeting dimension, and lowers
 * them to {@link Expr}. Every error comes with its line, column, a caret and, where one is close,
 * a "did you mean" hint.
 */
public final class ExpressionChecker {

    /** How many expressions were checked in this process: what a run must not add to (its plan has them checked). */
    private static final java.util.concurrent.atomic.LongAdder CHECKS = new java.util.concurrent.atomic.LongAdder();

    /** Longer expressions are refused before parsing. */
    public static final int MAX_LENGTH = 64 * 1024;

    private static final Pattern UNDEFINED_FIELD = Pattern.compile("undefined field '([^']*)'");
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']*)'.*");
    private static final Pattern NULL_OPERAND = Pattern.compile("^found no matching overload for '[^']*' applied to '\\((null, .*|.*, null)\\)'");
    private static final List<String> FUNCTIONS = List.of("size", "startsWith", "endsWith", "contains", "matches",
            "lowerAscii", "upperAscii", "exists", "all", "exists_one", "filter", "map", "sum", "avg", "min", "max", "has",
            "timestamp", "duration", "date", "daysAgo", "hoursAgo", "int", "double", "string", "bool", "getFullYear", "getMonth",
            "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear", "getHours", "getMinutes", "getSeconds", "getMilliseconds");

    private final Schema schema;
    private final Schema expressionSchema;
    private final CelSchema types;
    private final Map<String, CelCompiler> compilers = new ConcurrentHashMap<>();

    public ExpressionChecker(Schema schema) {
        this.schema = schema;
        this.expressionSchema = MessageLog.withMessages(schema);
        this.types = new CelSchema(expressionSchema);
    }

    public Schema schema() {
        return schema;
    }

    /** Checks {@code text} as a condition on the schema's default dimension. */
    public CheckedExpression check(String text) {
        return check(text, schema.dimension());
    }

    /** Checks {@code text} as a condition on {@code dimension}; throws {@link InvalidExpressionException}. */
    public CheckedExpression check(String text, String dimension) {
        Entity entity = schema.entity(dimension).orElseThrow(() -> new IllegalArgumentException(
                "unknown dimension '" + dimension + "'" + DidYouMean.hint(dimension, schema.entities().keySet())
                        + " (entities: " + String.join(", ", schema.entities().keySet()) + ")"));
        return check(text, entity, null, true);
    }

    /**
     * Checks a condition on records of {@code dimension} — an entity of the schema, or a record
     * that is not one (a file's rows) — which may also read {@code target}'s fields as
     * {@code target.NAME} (a worktable's columns); {@code target} may be null.
     */
    public CheckedExpression check(String text, Entity dimension, Entity target) {
        return check(text, dimension, target, true);
    }

    /** Checks {@code text} as a value of any type (a sort order, an enrichment, a time to wait until). */
    public CheckedExpression checkValue(String text, Entity dimension, Entity target) {
        return check(text, dimension, target, false);
    }

    /** The number of expressions checked in this process so far. */
    public static long checks() {
        return CHECKS.sum();
    }

    private CheckedExpression check(String text, Entity given, Entity target, boolean condition) {
        CHECKS.increment();
        // an entity of the schema is seen as expressions see it: with its link to the message log
        Entity entity = given.equals(schema.entities().get(given.name())) ? expressionSchema.entities().get(given.name()) : given;
        String dimension = entity.name();
        if (text.length() > MAX_LENGTH) {
            throw new InvalidExpressionException("", List.of(new InvalidExpressionException.Position(1, 1,
                    "the expression is " + text.length() + " characters long; the limit is " + MAX_LENGTH)));
        }
        if (text.isBlank()) {
            throw new InvalidExpressionException(text, List.of(new InvalidExpressionException.Position(1, 1,
                    "the expression is empty; write a " + (condition ? "condition such as " + dimension + ".country == \"FR\""
                            : "value such as " + dimension + "." + entity.fields().keySet().iterator().next()))));
        }
        CelValidationResult result;
        CelCompiler compiler = compiler(entity, target, condition);
        try {
            result = compiler.compile(text);
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidExpressionException(text, List.of(new InvalidExpressionException.Position(1, 1,
                    "the expression is too complex to read (" + e.getClass().getSimpleName() + ")")));
        }
        if (result.hasError()) {
            FieldOwners owners = owners(compiler, text, entity, target);
            List<InvalidExpressionException.Position> problems = new ArrayList<>();
            for (CelIssue issue : result.getErrors()) {
                int line = issue.getSourceLocation().getLine();
                int column = issue.getSourceLocation().getColumn() + 1;
                String message = NULL_OPERAND.matcher(issue.getMessage()).find()
                        ? NoNull.message(NoNull.comparedAt(text, line, column), dimension)
                        : explain(issue.getMessage(), entity, target, owners, line + ":" + column);
                problems.add(new InvalidExpressionException.Position(line, column, message));
            }
            throw new InvalidExpressionException(text, problems);
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (CelValidationException e) {
            throw new InvalidExpressionException(text, List.of(new InvalidExpressionException.Position(1, 1, e.getMessage())));
        }
        Lowering lowering = new Lowering(ast, expressionSchema, entity, target);
        Expr root = lowering.lower();
        if (!lowering.problems().isEmpty()) {
            throw new InvalidExpressionException(text, lowering.problems());
        }
        return new CheckedExpression(text, entity, target, root, lowering.variables());
    }

    /** What each name of the text reads; null when the text does not even parse. */
    private FieldOwners owners(CelCompiler compiler, String text, Entity dimension, Entity target) {
        try {
            CelValidationResult parsed = compiler.parse(text);
            return parsed.hasError() ? null : FieldOwners.of(parsed.getAst(), expressionSchema, dimension, target);
        } catch (CelValidationException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** Hints come from the names right at {@code place}: the fields of the record read there, the variables in scope. */
    private String explain(String message, Entity dimension, Entity target, FieldOwners owners, String place) {
        String first = message.lines().findFirst().orElse(message);
        Matcher field = UNDEFINED_FIELD.matcher(first);
        if (field.find()) {
            Entity owner = owners == null ? null : owners.ownerAt(place);
            if (owner == null) {
                return first;
            }
            Set<String> names = new LinkedHashSet<>(owner.fields().keySet());
            names.addAll(owner.links().keySet());
            return first + DidYouMean.hint(field.group(1), names);
        }
        Matcher undeclared = UNDECLARED.matcher(first);
        if (undeclared.matches()) {
            List<String> known = new ArrayList<>(owners == null ? List.of() : owners.variablesAt(place));
            known.addAll(List.of(dimension.name(), "now", "vars"));
            if (target != null) {
                known.add(target.name());
            }
            known.addAll(FUNCTIONS);
            return "unknown name or function '" + undeclared.group(1) + "'" + DidYouMean.hint(undeclared.group(1), known)
                    + " (start from '" + dimension.name() + "', " + (target == null ? "" : "'" + target.name() + "', ")
                    + "'vars' or 'now'; functions are listed in docs/expressions.md)";
        }
        if (first.startsWith("found no matching overload for")) {
            return first.replaceAll(" \\(candidates: .*\\)$", "").replace("google.protobuf.Timestamp", "timestamp")
                    .replace("google.protobuf.Duration", "duration");
        }
        return first;
    }

    /** A compiler per dimension, worktable columns and kind of result; the schema's types are shared. */
    private CelCompiler compiler(Entity dimension, Entity target, boolean condition) {
        boolean local = expressionSchema.entities().get(dimension.name()) != dimension;
        String key = (local ? signature(dimension) : dimension.name()) + "|" + (target == null ? "" : signature(target)) + "|" + condition;
        return compilers.computeIfAbsent(key, k -> {
            List<Entity> locals = new ArrayList<>();
            if (local) {
                locals.add(dimension);
            }
            if (target != null) {
                locals.add(target);
            }
            CelSchema scoped = locals.isEmpty() ? types : types.withLocals(locals);
            var builder = CelCompilerFactory.standardCelCompilerBuilder()
                    .setOptions(CelOptions.current().populateMacroCalls(true).enableHeterogeneousNumericComparisons(true)
                            .maxParseRecursionDepth(Lowering.MAX_DEPTH * 2).build())
                    .setStandardMacros(CelStandardMacro.HAS, CelStandardMacro.ALL, CelStandardMacro.EXISTS,
                            CelStandardMacro.EXISTS_ONE, CelStandardMacro.FILTER, CelStandardMacro.MAP)
                    .setTypeProvider(scoped)
                    .addVar(dimension.name(), scoped.struct(dimension.name()))
                    .addVar("now", SimpleType.TIMESTAMP)
                    .addVar("vars", MapType.create(SimpleType.STRING, SimpleType.DYN))
                    .addFunctionDeclarations(functions());
            if (target != null) {
                builder.addVar(target.name(), scoped.struct(target.name()));
            }
            if (condition) {
                builder.setResultType(SimpleType.BOOL);
            }
            return builder.build();
        });
    }

    private static String signature(Entity e) {
        StringBuilder b = new StringBuilder(e.name()).append('{');
        e.fields().values().forEach(f -> b.append(f.name()).append(':').append(f.type().spelling()).append(','));
        return b.append('}').toString();
    }

    private static List<CelFunctionDecl> functions() {
        List<CelFunctionDecl> decls = new ArrayList<>();
        decls.add(CelFunctionDecl.newFunctionDeclaration("daysAgo",
                CelOverloadDecl.newGlobalOverload("days_ago_int", SimpleType.TIMESTAMP, SimpleType.INT)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("hoursAgo",
                CelOverloadDecl.newGlobalOverload("hours_ago_int", SimpleType.TIMESTAMP, SimpleType.INT)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("date",
                CelOverloadDecl.newGlobalOverload("date_string", SimpleType.TIMESTAMP, SimpleType.STRING),
                CelOverloadDecl.newGlobalOverload("date_timestamp", SimpleType.TIMESTAMP, SimpleType.TIMESTAMP)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("lowerAscii",
                CelOverloadDecl.newMemberOverload("string_lower_ascii", SimpleType.STRING, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("upperAscii",
                CelOverloadDecl.newMemberOverload("string_upper_ascii", SimpleType.STRING, SimpleType.STRING)));
        for (String agg : List.of("sum", "min", "max")) {
            List<CelOverloadDecl> overloads = new ArrayList<>();
            for (CelType t : List.of(SimpleType.INT, SimpleType.DOUBLE, SimpleType.TIMESTAMP)) {
                if (agg.equals("sum") && t == SimpleType.TIMESTAMP) {
                    continue;
                }
                overloads.add(CelOverloadDecl.newMemberOverload("list_" + t.name().toLowerCase() + "_" + agg, t, ListType.create(t)));
            }
            decls.add(CelFunctionDecl.newFunctionDeclaration(agg, overloads));
        }
        decls.add(CelFunctionDecl.newFunctionDeclaration("avg",
                CelOverloadDecl.newMemberOverload("list_int_avg", SimpleType.DOUBLE, ListType.create(SimpleType.INT)),
                CelOverloadDecl.newMemberOverload("list_double_avg", SimpleType.DOUBLE, ListType.create(SimpleType.DOUBLE))));
        return decls;
    }
}
