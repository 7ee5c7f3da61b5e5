# `cmake --install <build dir> --component client`: the C++ client as the CMake package
# RocketMQNative, so that another project can
#   find_package(RocketMQNative CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE RocketMQNative::client)
# Nothing else of the project is installed (no servers, tools, tests or benchmarks).
#
# In the build tree RocketMQNative::client stays an alias of rmq_client, which links the module
# libraries (rmq_remoting, rmq_message, …) privately. An installed client cannot rely on those,
# so the package ships ONE static archive, librocketmq-native-client.a, made of the object files
# of rmq_client and of every project library it links, directly or not: nothing is compiled
# twice. Its interface is what rmq_client's is: the public headers (include/rocketmq/*.hpp),
# C++20, the Asio definitions of rmq_asio_config, and the third-party libraries the objects
# need, which RocketMQNativeConfig.cmake finds again with find_dependency().
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

# Sanitizer and fuzzer objects need their runtimes in every application: not a package to ship.
if(RMQ_SANITIZE OR RMQ_BUILD_FUZZERS)
  install(CODE [[
    message(FATAL_ERROR "No RocketMQNative package from a sanitizer or fuzzer build: install "
                        "from the default, release, debug or ci preset.")]]
    COMPONENT client)
  return()
endif()

set(RMQ_PACKAGE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/RocketMQNative)

# The third-party targets the package may depend on: exactly those RocketMQNativeConfig.cmake.in
# finds. Anything else reached from rmq_client (mimalloc, Catch2, benchmark…) stops the
# configuration, so a new dependency cannot silently break installed clients.
set(RMQ_PACKAGE_ALLOWED_EXTERNAL Boost::headers Threads::Threads ZLIB::ZLIB simdjson::simdjson)
# Project targets that only carry build settings (warnings, sanitizers), never objects.
set(RMQ_PACKAGE_BUILD_ONLY rmq_build_options)

# Walks the link graph of <root> (LINK_LIBRARIES of libraries, INTERFACE_LINK_LIBRARIES of
# interface targets). <out_libs>: the project's static libraries, <root> first; <out_external>:
# the imported (third-party) targets reached.
function(rmq_package_link_closure root out_libs out_external)
  set(libs "")
  set(external "")
  set(seen "")
  set(queue ${root})
  while(queue)
    list(POP_FRONT queue item)
    if(item MATCHES "^::@")  # scope markers of target_link_libraries() from another directory
      continue()
    endif()
    if(item MATCHES "^\\$<LINK_ONLY:(.+)>$")
      set(item "${CMAKE_MATCH_1}")
    endif()
    if(item MATCHES "\\$<" OR NOT TARGET "${item}")
      message(FATAL_ERROR "RocketMQNative package: ${root} links '${item}', which is not a "
                          "plain target; cmake/Packaging.cmake cannot tell what to install for it")
    endif()
    get_target_property(aliased ${item} ALIASED_TARGET)
    if(aliased)
      set(item ${aliased})
    endif()
    if(item IN_LIST seen OR item IN_LIST RMQ_PACKAGE_BUILD_ONLY)
      continue()
    endif()
    list(APPEND seen ${item})
    get_target_property(imported ${item} IMPORTED)
    if(imported)
      if(NOT item IN_LIST RMQ_PACKAGE_ALLOWED_EXTERNAL)
        message(FATAL_ERROR "RocketMQNative package: ${root} depends on ${item}, which the "
                            "installed package does not find again. Keep it out of the client's "
                            "link graph (mimalloc, Catch2 and benchmark must stay out), or add it "
                            "to RMQ_PACKAGE_ALLOWED_EXTERNAL and RocketMQNativeConfig.cmake.in")
      endif()
      list(APPEND external ${item})
      continue()
    endif()
    get_target_property(type ${item} TYPE)
    get_target_property(dir ${item} SOURCE_DIR)
    if(type STREQUAL "STATIC_LIBRARY")
      if(NOT dir MATCHES "^${PROJECT_SOURCE_DIR}/(client|modules|proto)(/|$)")
        message(FATAL_ERROR "RocketMQNative package: ${root} links ${item} (${dir}); only "
                            "client/, modules/ and proto/ code may go into the installed library")
      endif()
      list(APPEND libs ${item})
      get_target_property(deps ${item} LINK_LIBRARIES)
    elseif(type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(deps ${item} INTERFACE_LINK_LIBRARIES)
    else()
      message(FATAL_ERROR "RocketMQNative package: ${root} links ${item}, a ${type}; only static "
                          "and interface libraries can be folded into the installed archive")
    endif()
    if(deps)
      list(APPEND queue ${deps})
    endif()
  endwhile()
  set(${out_libs} ${libs} PARENT_SCOPE)
  set(${out_external} ${external} PARENT_SCOPE)
endfunction()

rmq_package_link_closure(rmq_client RMQ_PACKAGE_LIBS RMQ_PACKAGE_EXTERNAL)
message(STATUS "RocketMQNative::client package: ${RMQ_PACKAGE_LIBS}; "
               "needs ${RMQ_PACKAGE_EXTERNAL}")

set(RMQ_PACKAGE_OBJECTS "")
foreach(lib IN LISTS RMQ_PACKAGE_LIBS)
  list(APPEND RMQ_PACKAGE_OBJECTS $<TARGET_OBJECTS:${lib}>)
endforeach()
add_library(rmq_client_package STATIC ${RMQ_PACKAGE_OBJECTS})
set_target_properties(rmq_client_package PROPERTIES
  OUTPUT_NAME rocketmq-native-client
  EXPORT_NAME client
  LINKER_LANGUAGE CXX
  ARCHIVE_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/package)
target_include_directories(rmq_client_package INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/client/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/rocketmq/internal>)
target_compile_features(rmq_client_package INTERFACE cxx_std_20)
get_target_property(RMQ_PACKAGE_DEFINITIONS rmq_asio_config INTERFACE_COMPILE_DEFINITIONS)
target_compile_definitions(rmq_client_package INTERFACE ${RMQ_PACKAGE_DEFINITIONS})
target_link_libraries(rmq_client_package INTERFACE ${RMQ_PACKAGE_EXTERNAL})

install(TARGETS rmq_client_package EXPORT RocketMQNativeTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT client)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/client/include/rocketmq
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT client
  FILES_MATCHING PATTERN "*.hpp")
# rocketmq/admin.hpp answers with the protocol's bodies and messages: their headers (and the
# few they include) go under include/rocketmq/internal, which keeps generic names such as
# body/ and message/ out of the include root. scripts/build-examples compiles an admin example
# against the installed tree, so a header missing here fails CI.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/modules/body/include/body
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rocketmq/internal COMPONENT client
  FILES_MATCHING PATTERN "*.hpp")
install(FILES
    ${PROJECT_SOURCE_DIR}/modules/message/include/message/message.hpp
    ${PROJECT_SOURCE_DIR}/modules/message/include/message/host_address.hpp
    ${PROJECT_SOURCE_DIR}/modules/message/include/message/properties.hpp
    ${PROJECT_SOURCE_DIR}/modules/message/include/message/java_hash.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rocketmq/internal/message COMPONENT client)
install(FILES ${PROJECT_SOURCE_DIR}/modules/json/include/json/value.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rocketmq/internal/json COMPONENT client)
install(FILES ${PROJECT_SOURCE_DIR}/proto/include/proto/language_code.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rocketmq/internal/proto COMPONENT client)
install(FILES ${PROJECT_SOURCE_DIR}/modules/common/include/common/expected.hpp
    ${PROJECT_SOURCE_DIR}/modules/common/include/common/error.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rocketmq/internal/common COMPONENT client)
install(EXPORT RocketMQNativeTargets NAMESPACE RocketMQNative::
  DESTINATION ${RMQ_PACKAGE_CMAKE_DIR} COMPONENT client)

# Asio's and Beast's definitions are compiled into the archive (BOOST_ASIO_SEPARATE_COMPILATION):
# the application must compile against the very same Boost headers.
set(RMQ_PACKAGE_BOOST_VERSION ${Boost_VERSION})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/RocketMQNativeConfig.cmake.in
  ${CMAKE_BINARY_DIR}/package/RocketMQNativeConfig.cmake
  INSTALL_DESTINATION ${RMQ_PACKAGE_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/package/RocketMQNativeConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/package/RocketMQNativeConfig.cmake
              ${CMAKE_BINARY_DIR}/package/RocketMQNativeConfigVersion.cmake
  DESTINATION ${RMQ_PACKAGE_CMAKE_DIR} COMPONENT client)
