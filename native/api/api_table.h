#pragma once
// The one native API table (include/seed_everything/api.h), shared by every environment and every
// importing addon for the life of the process.
#include "seed_everything/api.h"

namespace seed_everything {

const se_api& NativeApiTable();

}  // namespace seed_everything
