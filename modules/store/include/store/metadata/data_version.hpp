#pragma once
// DataVersion moved to rmq::body (body/data_version.hpp); this alias keeps store code unchanged.
#include "body/data_version.hpp"

namespace rmq::store {

using DataVersion = body::DataVersion;

}  // namespace rmq::store
