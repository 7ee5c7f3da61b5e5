// The one translation unit that compiles Boost.Asio (BOOST_ASIO_SEPARATE_COMPILATION): every
// other file includes only declarations, which keeps clean builds fast on two cores.
#include <boost/asio/impl/src.hpp>
