/* tmp-req.c: TEMPORARY until h5-serve's http.c is merged (kh_req_*). */
#include <stddef.h>
#include "server.h"
const char *kh_req_header(const struct kh_request *req, const char *name) { (void)req; (void)name; return NULL; }
const char *kh_req_cookie(const struct kh_request *req, const char *name) { (void)req; (void)name; return NULL; }
const char *kh_req_form(struct kh_request *req, const char *name) { (void)req; (void)name; return NULL; }
