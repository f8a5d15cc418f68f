/* extsort.h: sorting more records than memory may hold.  Records (a key
 * and a payload, both bytes) are added in any order and read back in key
 * order: keys compare bytewise (memcmp), a key that is a prefix of another
 * first, and equal keys in the order they were added.  Up to `budget`
 * bytes are sorted in memory; past it, sorted runs go to one unlinked
 * temporary file (in $TMPDIR, else /tmp) and are merged while reading, so
 * memory stays flat however many records there are.
 *
 * Why not a library: the store used SQLite's sorter (ORDER BY), which cost
 * 80% of a score (1M claims: 0.94 s of 1.14 s); Debian ships no C external
 * sort to use instead.  This one radix-sorts 24-byte entries holding a
 * 16-byte key prefix; only keys with equal prefixes are compared whole.
 *
 * Failures (the temporary file cannot be made, written or read) return -1
 * with errno set; nothing is printed here. */
#ifndef KAOHE_EXTSORT_H
#define KAOHE_EXTSORT_H

#include <stddef.h>

struct kh_extsort;

/* A sorter holding at most about `budget` bytes in memory (at least 1 MiB
 * is used whatever is asked). */
struct kh_extsort *kh_extsort_new(size_t budget);

/* Add one record; -1 (errno) when a run could not be written. */
int kh_extsort_add(struct kh_extsort *s, const void *key, size_t key_len,
                   const void *payload, size_t payload_len);

/* After the last add: sort what is in memory and start the merge; -1
 * (errno) on failure.  No add after it. */
int kh_extsort_finish(struct kh_extsort *s);

/* Take over every record of `other` (no add to either after it; other
 * is freed with s, not before): s then reads back both sorters' records
 * in one order, other's after s's among equal keys.  Two threads can
 * each fill a sorter of their own and one merge read them both.  -1
 * (errno EINVAL) when s or other was already read from or other absorbed
 * a sorter itself. */
int kh_extsort_absorb(struct kh_extsort *s, struct kh_extsort *other);

/* The next record in order: 1 with the pointers set (valid until the next
 * call), 0 after the last, -1 (errno) when a run could not be read. */
int kh_extsort_next(struct kh_extsort *s, const unsigned char **key,
                    size_t *key_len, const unsigned char **payload,
                    size_t *payload_len);

/* How many runs went to the temporary file (0: all sorted in memory). */
size_t kh_extsort_runs(const struct kh_extsort *s);

void kh_extsort_free(struct kh_extsort *s);

#endif
