/* render.h: views of XML documents — HTML through XSLT templates (with
 * gnuplot charts inlined as SVG) and XLSX through libxlsxwriter.  Reads
 * the documents; never changes the store. */
#ifndef KAOHE_RENDER_H
#define KAOHE_RENDER_H

#include <libxml/tree.h>

#include "words.h"

/* Apply an XSLT stylesheet to doc and write the result to out_path.
 * `stylesheet` is a path; when it does not exist as given it is looked up
 * under the data root (e.g. "templates/monthly.xsl").  Runs with libxslt's
 * security preferences (no file writes, no directory creation, no network).
 * The parameter `lang` ("zh"/"en") is passed to the stylesheet.  Returns 0
 * or a sysexits code after printing why. */
int kh_render_xslt(xmlDocPtr doc, const char *stylesheet, const char *out_path);

/* The scorecard as one self-contained HTML file: charts drawn by gnuplot
 * (when found) and inlined as SVG; `stylesheet` NULL means the shipped
 * templates/scorecard.xsl.  A missing or failing gnuplot is a notice in
 * the report, not an error. */
int kh_render_scorecard_html(xmlDocPtr scorecard, const char *stylesheet,
                             const char *out_path);

/* The result notice (考核结果通知书) of a scorecard through
 * templates/notice.xsl (or `stylesheet`), A4 (render-notice.c). */
int kh_render_notice(xmlDocPtr scorecard, const char *stylesheet,
                     const char *out_path);

/* The scorecard as an XLSX workbook: summary, one sheet per indicator's
 * evidence, fees. */
int kh_render_scorecard_xlsx(xmlDocPtr scorecard, const char *out_path);

/* The assessment panel's 考核评分表 (templates/scoresheet.xsl): one A4
 * form with a row per indicator grouped by category, subtotals, the total
 * and grade, a line per panel member to sign and the insurer's
 * confirmation; as HTML, or as an XLSX workbook with one sheet of the same
 * rows when `xlsx` is set.  `blank` leaves the manual items' deduction,
 * score and reason (and a total depending on them) empty, for the panel
 * to fill in by hand.  Returns 0 or a sysexits code after printing why. */
int kh_render_scoresheet(xmlDocPtr scorecard, int xlsx, int blank,
                         const char *out_path);

/* kh_render_xslt with more stylesheet parameters: `params` is NULL or a
 * NULL-terminated list of name, value pairs (values are plain strings,
 * passed as XPath string literals, never evaluated). */
int kh_render_xslt_params(xmlDocPtr doc, const char *stylesheet,
                          const char *out_path, const char *const *params);

/* A stylesheet compiled once and applied many times (kaohe serve's page
 * layouts), under the same security preferences and read rules as
 * kh_render_xslt.  Compile (and free) one at a time, like kh_render_xslt
 * (they set libxslt's process-wide loader state); once compiled only its
 * kept documents change (under its own lock), and kh_xslt_apply may run
 * on several threads at once and beside a kh_render_xslt: a transform
 * reads only what the kh_xslt carries.  A document the stylesheet reads
 * (document()) is read on first use and kept: later changes to the file
 * are not seen.  kh_xslt_compile: NULL after printing why.  kh_xslt_apply:
 * 0 and the output in *out (NUL terminated, *len bytes, the caller
 * frees), or a sysexits code after printing why.  The parameter `lang` as
 * for kh_render_xslt. */
struct kh_xslt;
struct kh_xslt *kh_xslt_compile(const char *stylesheet);
int kh_xslt_apply(struct kh_xslt *x, xmlDocPtr doc, char **out, size_t *len);
void kh_xslt_free(struct kh_xslt *x);

/* The namespace of what kh_render_charts_attach adds to each series:
 * <kc:chart status="ok"><svg .../></kc:chart> or
 * <kc:chart status="missing" reason="..."/>. */
#define KH_CHART_NS "urn:kaohe:chart:1"

/* Draw every charts/series of a scorecard (an in-memory copy: it is
 * changed) with gnuplot and attach the SVGs.  Returns how many were drawn;
 * a missing or failing gnuplot is a warning, never an error. */
int kh_render_charts_attach(xmlDocPtr scorecard);

/* Chinese `text` of the scorecard rooted at `root` with its codes and
 * indicator ids read as words; the caller frees the result. */
char *kh_render_words_in_text(xmlNodePtr root, const char *text);

/* On a copy of a scorecard about to be drawn: coded evidence values as
 * words, codes and ids inside Chinese notes and money texts as words,
 * chart labels as titles.  Numbers are never touched. */
void kh_render_localize(xmlDocPtr scorecard);

#endif
