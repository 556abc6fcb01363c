package app.mobilebackend.sdk.kotlin

import app.mobilebackend.sdk.kotlin.model.DevicePlatform
import app.mobilebackend.sdk.kotlin.model.DeviceRegistration
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.util.UUID

/** Devices registered for push notifications, through the Kotlin SDK against the dev server. */
class DevicesThroughKotlinSdkTest : DevServerTestBase() {

    @Test
    fun registersRegistersAgainListsAndDeletesADevice() = runBlocking {
        val devices = clientFor(newSub()).devices
        val registration = DeviceRegistration(DevicePlatform.FCM, "sdk-kotlin-${UUID.randomUUID()}:APA91b-registration-token")

        val created = devices.registerDevice(registration)
        assertEquals(201, created.code())
        val device = created.orThrow()
        assertEquals(DevicePlatform.FCM, device.platform)
        assertEquals("/devices/${device.id}", created.headers()["Location"])

        val again = devices.registerDevice(registration)
        assertEquals(200, again.code())
        assertEquals(device, again.orThrow())

        assertEquals(listOf(device), devices.listDevices().orThrow().items)

        assertEquals(204, devices.deleteDevice(device.id).code())
        assertEquals(listOf<Any>(), devices.listDevices().orThrow().items)
        assertEquals(404, problemOf(failureOf { devices.deleteDevice(device.id).orThrow() }).status)
    }

    @Test
    fun hidesOneUsersDevicesFromAnother() = runBlocking {
        val alice = clientFor(newSub()).devices
        val bob = clientFor(newSub()).devices
        val device = alice.registerDevice(DeviceRegistration(DevicePlatform.APNS, UUID.randomUUID().toString().replace("-", ""))).orThrow()

        assertEquals(listOf<Any>(), bob.listDevices().orThrow().items)
        assertEquals(404, failureOf { bob.deleteDevice(device.id).orThrow() }.status)
        assertEquals(listOf(device), alice.listDevices().orThrow().items)
    }
}
