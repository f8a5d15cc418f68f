/* score.c: placeholder for the scoring runner (issue 7). */
#include <sysexits.h>

#include "msg.h"
#include "score.h"

int kh_score_run(sqlite3 *db, const struct kh_score_request *request,
                 xmlDocPtr *scorecard, long *run_id)
{
	(void)db;
	(void)request;
	*scorecard = NULL;
	*run_id = 0;
	kh_error("score: %s", kh_tr("尚未实现", "not implemented yet"));
	return EX_SOFTWARE;
}
