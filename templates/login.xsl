<?xml version="1.0" encoding="UTF-8"?>
<!-- login.xsl: kaohe serve's login page, from <login xmlns="urn:kaohe:auth:1"
     next= status= retry-minutes=/> (src/server/login.c).  status: empty,
     refused (the same words whatever was wrong), limited (too many
     attempts), ended (logged out).  Self-contained: inline CSS, no script,
     no outside link; every value is data, escaped by XSLT.
     Parameter: lang (zh|en). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:a="urn:kaohe:auth:1"
    exclude-result-prefixes="a">

  <xsl:output method="html" encoding="UTF-8" indent="no"/>
  <xsl:param name="lang" select="'zh'"/>

  <xsl:template name="t">
    <xsl:param name="zh"/>
    <xsl:param name="en"/>
    <xsl:choose>
      <xsl:when test="$lang = 'en'"><xsl:value-of select="$en"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$zh"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="css">
    body { font: 16px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; margin: 0;
           background: #f4f5f7; color: #1d2430; }
    main { max-width: 22rem; margin: 10vh auto; background: #fff; padding: 2rem;
           border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
    h1 { font-size: 1.4rem; margin: 0 0 1rem; }
    label { display: block; margin: .8rem 0 .2rem; }
    input { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit;
            border: 1px solid #9aa3b0; border-radius: 4px; }
    button { margin-top: 1.2rem; width: 100%; padding: .6rem; font: inherit;
             background: #1f5fbf; color: #fff; border: 0; border-radius: 4px; }
    .error { color: #a4161a; background: #fdecea; padding: .5rem; border-radius: 4px; }
    .note { color: #2b6a3a; background: #e9f6ec; padding: .5rem; border-radius: 4px; }
    @media (prefers-color-scheme: dark) {
      body { background: #15181d; color: #e6e9ee; }
      main { background: #1f242b; }
      input { background: #15181d; color: #e6e9ee; }
    }
  </xsl:template>

  <xsl:template match="/a:login">
    <html lang="{$lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="referrer" content="same-origin"/>
        <title>
          <xsl:call-template name="t">
            <xsl:with-param name="zh">登录 · 考核</xsl:with-param>
            <xsl:with-param name="en">Log in · kaohe</xsl:with-param>
          </xsl:call-template>
        </title>
        <style><xsl:call-template name="css"/></style>
      </head>
      <body>
        <main>
          <h1>
            <xsl:call-template name="t">
              <xsl:with-param name="zh">考核 · 登录</xsl:with-param>
              <xsl:with-param name="en">kaohe · log in</xsl:with-param>
            </xsl:call-template>
          </h1>
          <xsl:choose>
            <xsl:when test="@status = 'refused'">
              <p class="error" role="alert">
                <xsl:call-template name="t">
                  <xsl:with-param name="zh">用户名或密码不正确。</xsl:with-param>
                  <xsl:with-param name="en">Wrong name or password.</xsl:with-param>
                </xsl:call-template>
              </p>
            </xsl:when>
            <xsl:when test="@status = 'limited'">
              <p class="error" role="alert">
                <xsl:call-template name="t">
                  <xsl:with-param name="zh">登录失败次数过多，请 <xsl:value-of select="@retry-minutes"/> 分钟后再试。</xsl:with-param>
                  <xsl:with-param name="en">Too many failed logins; try again in <xsl:value-of select="@retry-minutes"/> min.</xsl:with-param>
                </xsl:call-template>
              </p>
            </xsl:when>
            <xsl:when test="@status = 'ended'">
              <p class="note" role="status">
                <xsl:call-template name="t">
                  <xsl:with-param name="zh">已退出登录。</xsl:with-param>
                  <xsl:with-param name="en">You have logged out.</xsl:with-param>
                </xsl:call-template>
              </p>
            </xsl:when>
          </xsl:choose>
          <form method="post" action="/login">
            <input type="hidden" name="next" value="{@next}"/>
            <label for="name">
              <xsl:call-template name="t">
                <xsl:with-param name="zh">用户名</xsl:with-param>
                <xsl:with-param name="en">Name</xsl:with-param>
              </xsl:call-template>
            </label>
            <input id="name" name="name" autocomplete="username" required="required"
                   autofocus="autofocus" maxlength="64"/>
            <label for="password">
              <xsl:call-template name="t">
                <xsl:with-param name="zh">密码</xsl:with-param>
                <xsl:with-param name="en">Password</xsl:with-param>
              </xsl:call-template>
            </label>
            <input id="password" name="password" type="password"
                   autocomplete="current-password" required="required"/>
            <button type="submit">
              <xsl:call-template name="t">
                <xsl:with-param name="zh">登录</xsl:with-param>
                <xsl:with-param name="en">Log in</xsl:with-param>
              </xsl:call-template>
            </button>
          </form>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
