using System.Text;
using Feedback.Api.IntegrationTests.Infrastructure.Contract;

namespace Feedback.Api.IntegrationTests.OpenApi;

/// <summary>The response validator itself: it must be able to fail, or the suite's "0 violations" means nothing.</summary>
public sealed class OpenApiContractTests
{
    private const string Document = """
        {
          "openapi": "3.1.1",
          "paths": {
            "/v1/things/{id}": {
              "get": {
                "responses": {
                  "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
                  "204": { "description": "nothing" }
                }
              }
            },
            "/v1/quadrant": {
              "get": { "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": {
                "oneOf": [ { "type": "null" }, { "type": ["null", "string"], "enum": ["high", null] } ] } } } } } }
            },
            "/v1/things/special": {
              "get": { "responses": { "200": { "description": "csv", "content": { "text/csv": { "schema": { "type": "string" } } } } } }
            }
          },
          "components": {
            "schemas": {
              "Thing": {
                "type": "object",
                "required": ["id", "kind", "note"],
                "properties": {
                  "id": { "type": "string", "format": "uuid" },
                  "kind": { "$ref": "#/components/schemas/Kind" },
                  "note": { "oneOf": [ { "type": "null" }, { "$ref": "#/components/schemas/Note" } ] }
                }
              },
              "Kind": { "type": "string", "enum": ["a", "b"] },
              "Note": { "type": "object", "required": ["text"], "properties": { "text": { "type": "string" } } }
            }
          }
        }
        """;

    private static readonly OpenApiContract Contract = new(Document);

    private static IReadOnlyList<string> Check(int status, string? contentType, string body, string path = "/v1/things/5") =>
        Contract.Check("GET", path, status, contentType, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void AcceptsAConformingBody_WithANullBranchOfOneOf()
    {
        Assert.Empty(Check(200, "application/json; charset=utf-8", """{"id":"0193a0b1-0000-7000-8000-000000000001","kind":"a","note":null}"""));
        Assert.Empty(Check(200, "application/json", """{"id":"0193a0b1-0000-7000-8000-000000000001","kind":"b","note":{"text":"x"}}"""));
    }

    [Theory]
    [InlineData("""{"id":"0193a0b1-0000-7000-8000-000000000001","kind":"a"}""", "note")]                       // required missing
    [InlineData("""{"id":"not-a-uuid","kind":"a","note":null}""", "/id")]                                       // format
    [InlineData("""{"id":"0193a0b1-0000-7000-8000-000000000001","kind":"c","note":null}""", "/kind")]          // enum
    [InlineData("""{"id":"0193a0b1-0000-7000-8000-000000000001","kind":"a","note":null,"extra":1}""", "extra")] // closed object
    [InlineData("""{"id":"0193a0b1-0000-7000-8000-000000000001","kind":"a","note":{"text":1}}""", "/note")]     // nested type
    public void NamesWhatIsWrongWithABody(string body, string expected)
    {
        var problems = Check(200, "application/json", body);
        Assert.NotEmpty(problems);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void FlagsAnUndocumentedStatus_AContentTypeNotListed_AndABodyWhereNoneIsDocumented()
    {
        Assert.Contains("status 404 is not documented", Check(404, "application/problem+json", "{}").Single());
        Assert.Contains("content type text/plain is not documented", Check(200, "text/plain", "hi").Single());
        Assert.Contains("documented without a body", Check(204, "application/json", "{}").Single());
        Assert.Empty(Check(204, null, ""));
        Assert.Contains("the response is empty", Check(200, "application/json", "").Single());
    }

    [Fact]
    public void MatchesLiteralPathSegmentsBeforeTemplates_AndIgnoresPathsTheDocumentLacks()
    {
        Assert.Equal("GET /v1/things/special", Contract.OperationOf("GET", "/v1/things/special"));
        Assert.Equal("GET /v1/things/{id}", Contract.OperationOf("GET", "/v1/things/42"));
        Assert.Empty(Check(200, "text/csv", "a,b\r\n", "/v1/things/special"));
        Assert.Null(Contract.OperationOf("GET", "/health/ready"));
        Assert.Empty(Check(200, "text/plain", "Healthy", "/health/ready"));
    }

    [Fact]
    public void FlagsAOneOfThatMatchesTwice_AsANullableEnumInsideANullableOneOfDid()
    {
        Assert.Contains("does not match", Check(200, "application/json", "null", "/v1/quadrant").Single());
        Assert.Empty(Check(200, "application/json", "\"high\"", "/v1/quadrant"));
    }
}
