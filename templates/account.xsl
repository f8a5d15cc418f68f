<?xml version="1.0" encoding="UTF-8"?>
<!-- account.xsl: kaohe serve's "my account" page, from <account
     xmlns="urn:kaohe:auth:1" name= display= role= csrf=> <contract id=/>...
     <new-token id=>TOKEN</new-token>? <token id= label= created= revoked=/>...
     </account> (src/server/login.c): who I am, the contracts I may see, and
     for an insurer its API tokens — a new one shown this once, each with a
     revoke form, and a form for another.  Every form carries the CSRF
     token.  Self-contained: inline CSS, no script, no outside link.
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

  <xsl:template name="role">
    <xsl:param name="r"/>
    <xsl:choose>
      <xsl:when test="$lang = 'en'"><xsl:value-of select="$r"/></xsl:when>
      <xsl:when test="$r = 'regulator'">医保局</xsl:when>
      <xsl:when test="$r = 'panel'">考核组成员</xsl:when>
      <xsl:when test="$r = 'insurer'">承办机构</xsl:when>
      <xsl:otherwise><xsl:value-of select="$r"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{/a:account/@csrf}"/>
  </xsl:template>

  <xsl:template name="css">
    body { font: 16px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; margin: 0;
           background: #f4f5f7; color: #1d2430; }
    header { display: flex; justify-content: space-between; align-items: center;
             background: #1f3b63; color: #fff; padding: .6rem 1.5rem; }
    header a { color: #fff; }
    header form { margin: 0; }
    main { max-width: 48rem; margin: 1.5rem auto; background: #fff; padding: 1.5rem 2rem;
           border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #d6dae0; }
    td form { margin: 0; }
    button { font: inherit; padding: .3rem .8rem; border-radius: 4px; border: 1px solid #1f5fbf;
             background: #1f5fbf; color: #fff; }
    input { font: inherit; padding: .3rem; }
    .token { font-family: ui-monospace, monospace; font-size: 1.05rem; background: #fff7d6;
             padding: .6rem; border: 1px solid #e0c34a; word-break: break-all; }
    .warn { color: #7a4b00; }
    .revoked { color: #6b7380; }
    @media (prefers-color-scheme: dark) {
      body { background: #15181d; color: #e6e9ee; }
      main { background: #1f242b; }
      .token { background: #3a3316; color: #fff; }
    }
  </xsl:template>

  <xsl:template match="/a:account">
    <html lang="{$lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="referrer" content="same-origin"/>
        <title>
          <xsl:call-template name="t">
            <xsl:with-param name="zh">我的账户 · 考核</xsl:with-param>
            <xsl:with-param name="en">My account · kaohe</xsl:with-param>
          </xsl:call-template>
        </title>
        <style><xsl:call-template name="css"/></style>
      </head>
      <body>
        <header>
          <a href="/">
            <xsl:call-template name="t">
              <xsl:with-param name="zh">考核 · 首页</xsl:with-param>
              <xsl:with-param name="en">kaohe · home</xsl:with-param>
            </xsl:call-template>
          </a>
          <form method="post" action="/logout">
            <xsl:call-template name="csrf"/>
            <button type="submit">
              <xsl:call-template name="t">
                <xsl:with-param name="zh">退出登录</xsl:with-param>
                <xsl:with-param name="en">Log out</xsl:with-param>
              </xsl:call-template>
            </button>
          </form>
        </header>
        <main>
          <h1>
            <xsl:call-template name="t">
              <xsl:with-param name="zh">我的账户</xsl:with-param>
              <xsl:with-param name="en">My account</xsl:with-param>
            </xsl:call-template>
          </h1>
          <table>
            <tr>
              <th><xsl:call-template name="t"><xsl:with-param name="zh">用户名</xsl:with-param><xsl:with-param name="en">Name</xsl:with-param></xsl:call-template></th>
              <td id="name"><xsl:value-of select="@name"/></td>
            </tr>
            <xsl:if test="string-length(@display) &gt; 0">
              <tr>
                <th><xsl:call-template name="t"><xsl:with-param name="zh">显示名称</xsl:with-param><xsl:with-param name="en">Shown as</xsl:with-param></xsl:call-template></th>
                <td id="display"><xsl:value-of select="@display"/></td>
              </tr>
            </xsl:if>
            <tr>
              <th><xsl:call-template name="t"><xsl:with-param name="zh">角色</xsl:with-param><xsl:with-param name="en">Role</xsl:with-param></xsl:call-template></th>
              <td id="role"><xsl:call-template name="role"><xsl:with-param name="r" select="@role"/></xsl:call-template></td>
            </tr>
            <tr>
              <th><xsl:call-template name="t"><xsl:with-param name="zh">可见合同</xsl:with-param><xsl:with-param name="en">Contracts</xsl:with-param></xsl:call-template></th>
              <td id="contracts">
                <xsl:choose>
                  <xsl:when test="a:contract">
                    <xsl:for-each select="a:contract">
                      <xsl:if test="position() &gt; 1">、</xsl:if>
                      <a href="/contracts/{@id}"><xsl:value-of select="@id"/></a>
                    </xsl:for-each>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="t"><xsl:with-param name="zh">全部合同</xsl:with-param><xsl:with-param name="en">every contract</xsl:with-param></xsl:call-template>
                  </xsl:otherwise>
                </xsl:choose>
              </td>
            </tr>
          </table>
          <xsl:if test="@role = 'insurer'">
            <h2>
              <xsl:call-template name="t">
                <xsl:with-param name="zh">API 令牌（kaohe submit 用）</xsl:with-param>
                <xsl:with-param name="en">API tokens (for kaohe submit)</xsl:with-param>
              </xsl:call-template>
            </h2>
            <xsl:for-each select="a:new-token">
              <p class="warn" role="status">
                <xsl:call-template name="t">
                  <xsl:with-param name="zh">新令牌（编号 <xsl:value-of select="@id"/>）只显示这一次，请立即保存到 kaohe submit 的 --token-file 文件中：</xsl:with-param>
                  <xsl:with-param name="en">The new token (number <xsl:value-of select="@id"/>) is shown this once; save it now in the file kaohe submit reads with --token-file:</xsl:with-param>
                </xsl:call-template>
              </p>
              <p class="token" id="new-token"><xsl:value-of select="."/></p>
            </xsl:for-each>
            <table>
              <tr>
                <th><xsl:call-template name="t"><xsl:with-param name="zh">编号</xsl:with-param><xsl:with-param name="en">No.</xsl:with-param></xsl:call-template></th>
                <th><xsl:call-template name="t"><xsl:with-param name="zh">用途</xsl:with-param><xsl:with-param name="en">Label</xsl:with-param></xsl:call-template></th>
                <th><xsl:call-template name="t"><xsl:with-param name="zh">创建时间</xsl:with-param><xsl:with-param name="en">Created</xsl:with-param></xsl:call-template></th>
                <th><xsl:call-template name="t"><xsl:with-param name="zh">状态</xsl:with-param><xsl:with-param name="en">State</xsl:with-param></xsl:call-template></th>
              </tr>
              <xsl:for-each select="a:token">
                <tr>
                  <td><xsl:value-of select="@id"/></td>
                  <td><xsl:value-of select="@label"/></td>
                  <td><xsl:value-of select="@created"/></td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@revoked">
                        <span class="revoked">
                          <xsl:call-template name="t"><xsl:with-param name="zh">已吊销 </xsl:with-param><xsl:with-param name="en">revoked </xsl:with-param></xsl:call-template>
                          <xsl:value-of select="@revoked"/>
                        </span>
                      </xsl:when>
                      <xsl:otherwise>
                        <form method="post" action="/account/tokens/revoke">
                          <xsl:call-template name="csrf"/>
                          <input type="hidden" name="id" value="{@id}"/>
                          <button type="submit">
                            <xsl:call-template name="t"><xsl:with-param name="zh">吊销</xsl:with-param><xsl:with-param name="en">Revoke</xsl:with-param></xsl:call-template>
                          </button>
                        </form>
                      </xsl:otherwise>
                    </xsl:choose>
                  </td>
                </tr>
              </xsl:for-each>
            </table>
            <form method="post" action="/account/tokens">
              <xsl:call-template name="csrf"/>
              <p>
                <label for="label">
                  <xsl:call-template name="t"><xsl:with-param name="zh">用途说明 </xsl:with-param><xsl:with-param name="en">Label </xsl:with-param></xsl:call-template>
                </label>
                <input id="label" name="label" maxlength="200"/>
                <xsl:text> </xsl:text>
                <button type="submit">
                  <xsl:call-template name="t"><xsl:with-param name="zh">新建令牌</xsl:with-param><xsl:with-param name="en">New token</xsl:with-param></xsl:call-template>
                </button>
              </p>
            </form>
          </xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
