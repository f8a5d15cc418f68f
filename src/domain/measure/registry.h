/* registry.h: what contract validation needs to know about measures — a
 * measure's grammar by element name — without depending on the measure
 * interface (measure.h includes contract.h; this does not). */
#ifndef KAOHE_REGISTRY_H
#define KAOHE_REGISTRY_H

#include "params.h"

/* The parameters of the measure element `name` (ended by a NULL name), or
 * NULL when no measure has that name. */
const struct kh_param *kh_measure_params(const char *name);

#endif
