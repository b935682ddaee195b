/*
 * Elasticsearch plugin used only by scripts/services.sh for the local test node.
 *
 * Why it exists: the only Elasticsearch 8 distribution on Maven Central is the
 * "integ-test-zip", which ships the real server but just four modules
 * (transport-netty4, x-pack-core, x-pack-security, apm).  Two things the
 * project relies on live in modules it leaves out:
 *
 *   - analysis-common: the "english" analyzer and English stemmers (used by
 *     the search documents), the asciifolding / ngram / edge_ngram filters
 *     and ngram / edge_ngram tokenisers that Wagtail's search backend puts in
 *     every index's settings (index creation fails without them), and the
 *     synonym / synonym_graph filters (inline "synonyms" rules in Solr format;
 *     "synonyms_path" and synonym sets are not supported here);
 *   - rest-root: "GET /" and "HEAD /", i.e. the client's info() and ping().
 *
 * This re-registers those pieces under their usual names on top of the very
 * same Lucene classes the real module uses, keeping its defaults and the
 * index.max_ngram_diff check, so index settings behave as on a full
 * distribution.  It is compiled against the downloaded server jars, so it
 * always matches the node's version exactly.
 */
package portfolio.estest;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

public class TestShimsPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    private volatile ClusterService clusterService;

    @Override
    public Collection<?> createComponents(PluginServices services) {
        clusterService = services.clusterService();
        return List.of();
    }

    // ---- analysis-common subset -------------------------------------------

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends org.apache.lucene.analysis.Analyzer>>> getAnalyzers() {
        // Same construction as analysis-common's EnglishAnalyzerProvider.
        return Map.of("english", (indexSettings, env, name, settings) -> {
            EnglishAnalyzer analyzer = new EnglishAnalyzer(
                Analysis.parseStopWords(env, settings, EnglishAnalyzer.getDefaultStopSet()),
                Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET)
            );
            return new AbstractIndexAnalyzerProvider<EnglishAnalyzer>(name, settings) {
                @Override
                public EnglishAnalyzer get() {
                    return analyzer;
                }
            };
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.ofEntries(
            Map.entry("synonym_graph", (indexSettings, env, name, settings) -> {
                SynonymMap synonyms = synonymMap(name, settings);
                return filter(name, settings, in -> new SynonymGraphFilter(in, synonyms, true));
            }),
            // The index-time form: a graph flattened, as analysis-common's
            // "synonym" filter produces.
            Map.entry("synonym", (indexSettings, env, name, settings) -> {
                SynonymMap synonyms = synonymMap(name, settings);
                return filter(
                    name, settings, in -> new FlattenGraphFilter(new SynonymGraphFilter(in, synonyms, true))
                );
            }),
            Map.entry("asciifolding", (indexSettings, env, name, settings) -> {
                boolean preserve = settings.getAsBoolean("preserve_original", false);
                return filter(name, settings, in -> new ASCIIFoldingFilter(in, preserve));
            }),
            Map.entry("ngram", (indexSettings, env, name, settings) -> {
                int min = settings.getAsInt("min_gram", 1);
                int max = settings.getAsInt("max_gram", 2);
                boolean preserve = settings.getAsBoolean("preserve_original", false);
                checkNgramDiff(indexSettings, "NGram Token Filter", min, max);
                return filter(name, settings, in -> new NGramTokenFilter(in, min, max, preserve));
            }),
            Map.entry("edge_ngram", (indexSettings, env, name, settings) -> {
                int min = settings.getAsInt("min_gram", 1);
                int max = settings.getAsInt("max_gram", 2);
                boolean preserve = settings.getAsBoolean("preserve_original", false);
                return filter(name, settings, in -> new EdgeNGramTokenFilter(in, min, max, preserve));
            }),
            Map.entry("stemmer", (indexSettings, env, name, settings) -> {
                String language = settings.get("language", settings.get("name", "english"));
                return filter(name, settings, englishStemmer(language));
            }),
            Map.entry("porter_stem", (indexSettings, env, name, settings) -> filter(name, settings, PorterStemFilter::new)),
            Map.entry("kstem", (indexSettings, env, name, settings) -> filter(name, settings, KStemFilter::new)),
            Map.entry("uppercase", (indexSettings, env, name, settings) -> filter(name, settings, UpperCaseFilter::new)),
            Map.entry("trim", (indexSettings, env, name, settings) -> filter(name, settings, TrimFilter::new))
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "ngram", (indexSettings, env, name, settings) -> {
                int min = settings.getAsInt("min_gram", 1);
                int max = settings.getAsInt("max_gram", 2);
                checkNgramDiff(indexSettings, "NGram Tokenizer", min, max);
                IntPredicate keep = tokenChars(settings);
                return tokenizer(name, () -> keep == null
                    ? new NGramTokenizer(min, max)
                    : new NGramTokenizer(min, max) {
                        @Override
                        protected boolean isTokenChar(int chr) {
                            return keep.test(chr);
                        }
                    });
            },
            "edge_ngram", (indexSettings, env, name, settings) -> {
                int min = settings.getAsInt("min_gram", 1);
                int max = settings.getAsInt("max_gram", 2);
                IntPredicate keep = tokenChars(settings);
                return tokenizer(name, () -> keep == null
                    ? new EdgeNGramTokenizer(min, max)
                    : new EdgeNGramTokenizer(min, max) {
                        @Override
                        protected boolean isTokenChar(int chr) {
                            return keep.test(chr);
                        }
                    });
            },
            "whitespace", (indexSettings, env, name, settings) -> tokenizer(name, WhitespaceTokenizer::new),
            "keyword", (indexSettings, env, name, settings) -> tokenizer(name, KeywordTokenizer::new),
            "letter", (indexSettings, env, name, settings) -> tokenizer(name, LetterTokenizer::new)
        );
    }

    /**
     * Parses inline Solr-format rules ("cin, child in need" or "lac => looked
     * after children") with a standard, lower-casing analyzer. The real module
     * analyses rules with the filter's own chain; this is close enough for the
     * standard-tokenised, lower-cased analyzers our documents use.
     */
    private static SynonymMap synonymMap(String name, Settings settings) {
        List<String> rules = settings.getAsList("synonyms");
        boolean expand = settings.getAsBoolean("expand", true);
        if (settings.get("synonyms_path") != null || settings.get("synonyms_set") != null) {
            throw new IllegalArgumentException(
                "The test node's [" + name + "] filter takes inline [synonyms] only");
        }
        Analyzer parsing = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
        };
        try {
            SolrSynonymParser parser = new SolrSynonymParser(true, expand, parsing);
            parser.parse(new StringReader(String.join("\n", rules)));
            return parser.build();
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("failed to build synonyms for [" + name + "]: " + e.getMessage(), e);
        }
    }

    private interface Wrapper {
        TokenStream wrap(TokenStream in);
    }

    private static TokenFilterFactory filter(String name, Settings settings, Wrapper wrapper) {
        return new AbstractTokenFilterFactory(name, settings) {
            @Override
            public TokenStream create(TokenStream tokenStream) {
                return wrapper.wrap(tokenStream);
            }
        };
    }

    private static TokenizerFactory tokenizer(String name, Supplier<Tokenizer> supplier) {
        return TokenizerFactory.newFactory(name, supplier);
    }

    /** The English members of analysis-common's "stemmer" filter, mapped as it maps them. */
    private static Wrapper englishStemmer(String language) {
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "english", "porter" -> PorterStemFilter::new;
            case "light_english", "kstem" -> KStemFilter::new;
            case "minimal_english" -> EnglishMinimalStemFilter::new;
            case "possessive_english" -> EnglishPossessiveFilter::new;
            default -> throw new IllegalArgumentException(
                "The test node's stemmer filter only knows English stemmers, not [" + language + "]");
        };
    }

    /** Same limit and wording as analysis-common, so misconfigured indices fail the same way. */
    private static void checkNgramDiff(IndexSettings indexSettings, String what, int min, int max) {
        int allowed = indexSettings.getMaxNgramDiff();
        if (max - min > allowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in " + what + " must be less than or equal to: ["
                    + allowed + "] but was [" + (max - min) + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting."
            );
        }
    }

    /** "token_chars" as in analysis-common (without "custom"); null means keep every character. */
    private static IntPredicate tokenChars(Settings settings) {
        List<String> classes = settings.getAsList("token_chars");
        if (classes.isEmpty()) {
            return null;
        }
        List<IntPredicate> predicates = new ArrayList<>();
        for (String cls : classes) {
            switch (cls.toLowerCase(Locale.ROOT)) {
                case "letter" -> predicates.add(Character::isLetter);
                case "digit" -> predicates.add(Character::isDigit);
                case "whitespace" -> predicates.add(Character::isWhitespace);
                case "punctuation" -> predicates.add(c -> switch (Character.getType(c)) {
                    case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                        Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                        Character.FINAL_QUOTE_PUNCTUATION -> true;
                    default -> false;
                });
                case "symbol" -> predicates.add(c -> switch (Character.getType(c)) {
                    case Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL, Character.OTHER_SYMBOL,
                        Character.MODIFIER_SYMBOL -> true;
                    default -> false;
                });
                default -> throw new IllegalArgumentException(
                    "Unsupported token_chars class [" + cls + "] on the test node (custom is not implemented)");
            }
        }
        return c -> predicates.stream().anyMatch(p -> p.test(c));
    }

    // ---- rest-root subset: GET / and HEAD / -------------------------------

    @Override
    public Collection<RestHandler> getRestHandlers(
        Settings settings,
        NamedWriteableRegistry namedWriteableRegistry,
        RestController restController,
        ClusterSettings clusterSettings,
        IndexScopedSettings indexScopedSettings,
        SettingsFilter settingsFilter,
        IndexNameExpressionResolver indexNameExpressionResolver,
        Supplier<DiscoveryNodes> nodesInCluster,
        Predicate<NodeFeature> clusterSupportsFeature
    ) {
        return List.of(new RootInfoHandler());
    }

    private final class RootInfoHandler extends BaseRestHandler {
        @Override
        public String getName() {
            return "portfolio_test_root_info";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
            return channel -> {
                Build build = Build.current();
                XContentBuilder body = channel.newBuilder();
                body.startObject()
                    .field("name", clusterService.getNodeName())
                    .field("cluster_name", clusterService.getClusterName().value())
                    .field("cluster_uuid", clusterService.state().metadata().clusterUUID())
                    .startObject("version")
                    .field("number", build.qualifiedVersion())
                    .field("build_flavor", build.flavor())
                    .field("build_type", build.type().displayName())
                    .field("build_hash", build.hash())
                    .field("build_date", build.date())
                    .field("build_snapshot", build.isSnapshot())
                    .field("lucene_version", org.apache.lucene.util.Version.LATEST.toString())
                    .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
                    .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
                    .endObject()
                    .field("tagline", "You Know, for Search")
                    .endObject();
                channel.sendResponse(new RestResponse(RestStatus.OK, body));
            };
        }
    }
}
