using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using RorNational.Fhir;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// POST /fhir/{type}/_search reads its form under the search bounds: too many fields, a name
/// or a value too long answer 413; a form that is not well formed answers 400; each with an
/// OperationOutcome (the ASP.NET form reader's exceptions were 500s).
/// </summary>
public sealed class reading_search_forms : HostileSearchFixture
{
    private static HttpRequestMessage Post(HttpContent content) =>
        new(HttpMethod.Post, "/fhir/Organization/_search") { Content = content };

    private static HttpRequestMessage PostForm(string body) =>
        Post(new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

    private static HttpRequestMessage PostMultipart(string contentType, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Post(content);
    }

    [Test]
    public async Task a_form_within_the_bounds_is_searched()
    {
        var response = await Client.SendAsync(PostForm("name=centre&_count=5"));
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        var multipart = new MultipartFormDataContent { { new StringContent("centre"), "name" } };
        Assert.That((int)(await Client.SendAsync(Post(multipart))).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task more_fields_than_a_search_takes_is_413()
    {
        var outcome = await Refused(PostForm(Repeat("name=a", 1_025, "&")), 413);
        Assert.That(outcome.Issue.Single().Code, Is.EqualTo(OperationOutcome.IssueType.TooCostly));
    }

    [Test]
    public async Task a_field_name_over_2_kb_is_413() =>
        await Refused(PostForm(new string('k', 2_100) + "=a"), 413);

    [Test]
    public async Task a_value_over_4_mb_is_413() =>
        await Refused(PostForm("name=" + new string('v', 4 * 1024 * 1024 + 10)), 413);

    [Test]
    public async Task a_value_longer_than_a_search_takes_is_413_even_when_small() =>
        await Refused(PostForm("name=" + new string('v', 5_000)), 413);

    [Test]
    public async Task multipart_without_a_boundary_is_400() =>
        await Refused(PostMultipart("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\na\r\n--x--\r\n"), 400);

    [Test]
    public async Task a_truncated_part_is_400() =>
        await Refused(PostMultipart("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nabc"), 400);

    [Test]
    public async Task a_nul_in_a_form_value_is_400()
    {
        var outcome = await Refused(PostForm("name=ab%00cd"), 400);
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("invalid characters"), "the form reader refuses it");
    }
}
