package dev.ferry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {
    @Test
    void environmentProxiesHonourNoProxy() {
        ProxySettings p = ProxySettings.of(Optional.empty(), Map.of("https_proxy", "http://proxy.corp:3128", "NO_PROXY", "internal.cn,.svc, 10.0.0.1:80"));
        assertEquals(List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.corp", 3128))), p.select(URI.create("https://dl.k8s.io/x")));
        assertEquals(List.of(Proxy.NO_PROXY), p.select(URI.create("http://dl.k8s.io/x")), "no HTTP_PROXY: http goes direct");
        assertEquals(List.of(Proxy.NO_PROXY), p.select(URI.create("https://mirror.internal.cn/x")));
        assertEquals(List.of(Proxy.NO_PROXY), p.select(URI.create("https://internal.cn/x")));
        assertEquals(List.of(Proxy.NO_PROXY), p.select(URI.create("https://a.b.svc/x")));
        assertEquals(List.of(Proxy.NO_PROXY), p.select(URI.create("https://10.0.0.1/x")));
        assertFalse(p.bypass("notinternal.cn"));
    }

    @Test
    void anExplicitProxyWinsAndItsPasswordIsNeverShown() {
        ProxySettings p = ProxySettings.of(Optional.of("http://me:s3cret@p:8080"), Map.of("HTTPS_PROXY", "http://other:1"));
        assertEquals(List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("p", 8080))), p.select(URI.create("https://x/y")));
        assertEquals("proxy http://p:8080", p.describe());
        assertEquals("http://***@p:8080", ProxySettings.redact("http://me:s3cret@p:8080"));
    }
}
