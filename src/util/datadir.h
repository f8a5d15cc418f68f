/* datadir.h: where kaohe finds its shipped data (calendars, schemas,
 * contract templates, samples) and report templates.  Lookup only; it never
 * creates or writes anything. */
#ifndef KAOHE_DATADIR_H
#define KAOHE_DATADIR_H

/* The root holding data/ and templates/: $KAOHE_DATADIR, else the source
 * tree when the binary runs from its build tree, else $(pkgdatadir). */
const char *kh_datadir(void);

/* kh_datadir() + "/" + relative (e.g. "data/calendar/2024.xml",
 * "templates/scorecard.xsl"); the caller frees the result. */
char *kh_data_path(const char *relative);

#endif
