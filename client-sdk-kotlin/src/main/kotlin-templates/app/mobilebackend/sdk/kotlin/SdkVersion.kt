package app.mobilebackend.sdk.kotlin

/** The SDK's version, the spec's info.version it was generated from (filled in by the build). */
object SdkVersion {
    const val VERSION: String = "${project.version}"
}
