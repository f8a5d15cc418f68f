/* calendar-load.h: the work calendar and the store — loading every stored
 * year into a struct kh_calendar (calendar.h), installing the shipped years
 * at `kaohe init`, and importing a file or an .ics feed for `kaohe
 * calendar import|update`.  Reading and parsing the files is
 * calendar-files.h's, keeping the years store-calendar.h's. */
#ifndef KAOHE_CALENDAR_LOAD_H
#define KAOHE_CALENDAR_LOAD_H

#include "calendar.h"
#include "err.h"

struct kh_store;

/* Load every year in the store and build the calendar.  0, or -1 with err
 * filled. */
int kh_calendar_load(struct kh_store *store, struct kh_calendar **out,
                     struct kh_err *err);

/* Load the shipped calendar files (data/calendar/) into the store, adding
 * years not yet there.  Called by `kaohe init`.  0, or -1 with err filled. */
int kh_calendar_install_shipped(struct kh_store *store, struct kh_err *err);

/* Import a file in the shipped format or an iCalendar (.ics) feed; every
 * year in it replaces the stored year entirely.  A bad file loads nothing.
 * 0, or -1 with err filled (KH_ERR_DATA bad data, KH_ERR_NOINPUT missing
 * file, KH_ERR_IO). */
int kh_calendar_import_file(struct kh_store *store, const char *path,
                            struct kh_calendar_years *out, struct kh_err *err);
/* Fetch an .ics feed (http/https, TLS verified) and import it the same way.
 * 0, or -1 with err filled (KH_ERR_USAGE bad URL, KH_ERR_UNAVAILABLE,
 * KH_ERR_TEMPFAIL). */
int kh_calendar_import_url(struct kh_store *store, const char *url,
                           struct kh_calendar_years *out, struct kh_err *err);

#endif
