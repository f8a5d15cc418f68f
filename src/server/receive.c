/* receive.c: POST /submissions, the regulator's receiving end of `kaohe
 * submit` (man kaohe-submit, WIRE FORMAT), and the two public probes
 * GET /healthz and GET /static-bench. */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "server.h"

static int handle_healthz(struct kh_request *req, struct kh_response *resp,
                          struct kh_err *err)
{
	(void)req;
	(void)err;
	return kh_resp_text(resp, 200, "text/plain; charset=utf-8", "ok\n");
}

static int handle_submission(struct kh_request *req, struct kh_response *resp,
                             struct kh_err *err)
{
	(void)req;
	(void)err;
	return kh_resp_json_error(resp, 501, "not-implemented", "not yet");
}

const struct kh_route kh_routes_receive[] = {
	{ "POST", "/submissions", KH_ROLE_INSURER, KH_ROUTE_TOKEN, handle_submission },
	{ "GET", "/healthz", 0, KH_ROUTE_PUBLIC, handle_healthz },
	{ NULL, NULL, 0, 0, NULL },
};
